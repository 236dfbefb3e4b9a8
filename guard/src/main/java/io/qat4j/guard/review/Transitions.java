package io.qat4j.guard.review;

import java.util.EnumSet;
import java.util.Set;

/**
 * The workflow's rules: which person may take which action from which state.
 *
 * <table>
 *   <caption>actions people take</caption>
 *   <tr><th>action</th><th>from</th><th>to</th><th>who</th></tr>
 *   <tr><td>approve</td><td>in_review</td><td>approved</td><td>a reviewer who wrote neither the item nor
 *       its current revision (four-eyes); never a text a blocking rule stopped</td></tr>
 *   <tr><td>request_changes</td><td>in_review, approved</td><td>changes_requested</td><td>a reviewer, with a comment</td></tr>
 *   <tr><td>reject</td><td>in_review, changes_requested, approved</td><td>rejected (final)</td><td>a reviewer, with a comment</td></tr>
 *   <tr><td>publish</td><td>approved</td><td>published</td><td>a reviewer, or the item's author</td></tr>
 *   <tr><td>revise</td><td>any but rejected</td><td>checked, then in_review or approved</td><td>the item's author, or a reviewer</td></tr>
 * </table>
 * The system's own steps (submit → checked, queue → in_review, auto_approve → approved) are not
 * actions people take.
 */
public final class Transitions {
    private static final Set<Action> BY_PEOPLE = EnumSet.of(Action.APPROVE, Action.REQUEST_CHANGES, Action.REJECT,
            Action.PUBLISH);

    private Transitions() {
    }

    /** The actions a person may request through {@link #target}. */
    public static Set<Action> byPeople() {
        return BY_PEOPLE;
    }

    /**
     * Checks that {@code who} may take {@code action} on {@code item} (whose current revision is
     * {@code current}) and returns the state it leads to.
     *
     * @throws WorkflowException FORBIDDEN for a role or four-eyes refusal, CONFLICT when the state
     *                           does not allow it, INVALID for a missing comment or a system action
     */
    public static ContentState target(Principal who, Action action, ContentItem item, Revision current,
            String comment) {
        if (!BY_PEOPLE.contains(action)) {
            throw WorkflowException.invalid("'" + action.label() + "' is a step qat4j takes itself; people may "
                    + "approve, request_changes, reject or publish");
        }
        boolean author = who.name().equals(item.author()) || who.name().equals(current.author());
        switch (action) {
            case APPROVE -> {
                requireReviewer(who, action);
                if (author) {
                    throw WorkflowException.forbidden(who.name() + " wrote this content and may not approve it:"
                            + " another reviewer must (four-eyes)");
                }
            }
            case REQUEST_CHANGES, REJECT -> {
                requireReviewer(who, action);
                if (comment == null || comment.isBlank()) {
                    throw WorkflowException.invalid("'" + action.label() + "' needs a comment saying why");
                }
            }
            case PUBLISH -> {
                if (!who.can(Role.REVIEWER) && !who.name().equals(item.author())) {
                    throw WorkflowException.forbidden("only a reviewer or the item's author may publish it");
                }
            }
            default -> throw new AssertionError(action);
        }
        ContentState to = switch (action) {
            case APPROVE -> from(item, action, ContentState.APPROVED, ContentState.IN_REVIEW);
            case REQUEST_CHANGES -> from(item, action, ContentState.CHANGES_REQUESTED, ContentState.IN_REVIEW,
                    ContentState.APPROVED);
            case REJECT -> from(item, action, ContentState.REJECTED, ContentState.IN_REVIEW,
                    ContentState.CHANGES_REQUESTED, ContentState.APPROVED);
            case PUBLISH -> from(item, action, ContentState.PUBLISHED, ContentState.APPROVED);
            default -> throw new AssertionError(action);
        };
        if (action == Action.APPROVE && current.verdict().blocked()) {
            throw WorkflowException.conflict("revision " + current.number() + " broke a blocking rule and can never be"
                    + " approved: request changes or reject it");
        }
        return to;
    }

    /** Checks that {@code who} may write a new revision of {@code item}. */
    public static void checkRevise(Principal who, ContentItem item) {
        if (!who.can(Role.REVIEWER) && !who.name().equals(item.author())) {
            throw WorkflowException.forbidden("only the item's author or a reviewer may revise it");
        }
        if (item.state() == ContentState.REJECTED) {
            throw WorkflowException.conflict("item " + item.id() + " was rejected; submit the text as new content");
        }
    }

    private static void requireReviewer(Principal who, Action action) {
        if (!who.can(Role.REVIEWER)) {
            throw WorkflowException.forbidden("'" + action.label() + "' needs the reviewer role; " + who.name()
                    + " is " + who.role().label());
        }
    }

    private static ContentState from(ContentItem item, Action action, ContentState to, ContentState... allowed) {
        for (ContentState s : allowed) {
            if (item.state() == s) {
                return to;
            }
        }
        throw WorkflowException.conflict("item " + item.id() + " is " + item.state().label() + "; '" + action.label()
                + "' needs it to be " + String.join(" or ", java.util.Arrays.stream(allowed).map(ContentState::label)
                .toList()));
    }
}
