package io.qat4j.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * Text labels beside the points of an XY chart, laid out at paint time in screen space so that labels
 * of nearby points (models of the same size with almost the same score) never overlap: each label sits
 * right of its point (left when the plot's edge is near), moved up or down to the nearest place that
 * covers no other label or marker; a moved label is tied to its point by a thin leader line.
 */
final class PointLabels extends Annotation {
    record Label(double x, double y, String text, Color color) {}

    private static final int GAP = 10;
    /** The box a point's marker occupies, kept free of labels. */
    private static final int MARKER = 14;
    private final List<Label> labels;

    PointLabels(List<Label> labels) {
        super(false);
        this.labels = List.copyOf(labels);
    }

    @Override
    public void paint(Graphics2D g) {
        if (!isVisible || labels.isEmpty()) {
            return;
        }
        Object oldAa = g.getRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(styler.getAnnotationTextFont());
        var fm = g.getFontMetrics();
        int right = getXAxisScreenValueForMax();
        int top = Math.min(getYAxisScreenValueForMin(), getYAxisScreenValueForMax());
        int bottom = Math.max(getYAxisScreenValueForMin(), getYAxisScreenValueForMax());
        var placed = new ArrayList<Rectangle2D>();
        for (Label l : labels) {
            placed.add(new Rectangle2D.Double(getXAxisScreenValue(l.x()) - MARKER / 2.0,
                    getYAxisScreenValue(l.y()) - MARKER / 2.0, MARKER, MARKER));
        }
        var order = new ArrayList<>(labels);
        order.sort(Comparator.comparingDouble(l -> getYAxisScreenValue(l.y())));
        Rectangle2D all = null;
        for (Label l : order) {
            double px = getXAxisScreenValue(l.x());
            double py = getYAxisScreenValue(l.y());
            double w = fm.stringWidth(l.text());
            double h = fm.getAscent() + fm.getDescent();
            double left = px + GAP + w > right - 4 ? px - GAP - w : px + GAP;
            var box = free(new Rectangle2D.Double(left, py - h / 2, w, h), placed, top, bottom);
            placed.add(box);
            double cy = box.getCenterY();
            if (Math.abs(cy - py) > 3) {
                g.setColor(new Color(0x9E, 0x9E, 0x9E));
                g.setStroke(new BasicStroke(1f));
                double edge = box.x > px ? box.x - 2 : box.getMaxX() + 2;
                g.draw(new Line2D.Double(px, py, edge, cy));
            }
            g.setColor(l.color().darker());
            g.drawString(l.text(), (float) box.x, (float) (box.y + fm.getAscent()));
            all = all == null ? box : all.createUnion(box);
        }
        bounds = all;
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, oldAa);
    }

    /**
     * The nearest free place for a label: its preferred box, else moved down or up by whole label
     * heights, alternately, staying inside the plot.
     */
    private static Rectangle2D.Double free(Rectangle2D.Double preferred, List<Rectangle2D> placed, int top, int bottom) {
        double step = preferred.height + 2;
        for (int k = 0; k < 40; k++) {
            double dy = (k + 1) / 2 * step * (k % 2 == 1 ? 1 : -1);
            var box = new Rectangle2D.Double(preferred.x, preferred.y + dy, preferred.width, preferred.height);
            if (box.y < top + 2 || box.getMaxY() > bottom - 2) {
                continue;
            }
            if (placed.stream().noneMatch(o -> box.intersects(o.getX() - 3, o.getY() - 1, o.getWidth() + 6, o.getHeight() + 2))) {
                return box;
            }
        }
        return preferred;
    }
}
