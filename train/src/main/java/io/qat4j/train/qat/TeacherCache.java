package io.qat4j.train.qat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The teacher's top-k logits of every training batch, on disk, so that the teacher runs once per batch
 * across resumes and across QAT runs that draw the same batches (same data, seed, batch shape), e.g.
 * while tuning the learning rate or the temperature.
 *
 * <p>Layout: a 4096-byte header (magic {@code QAT4JTC1}, then JSON naming the teacher by the SHA-256 of
 * its file, k, the vocabulary and the batch shape), then one fixed-size record per micro-batch, by
 * index {@code step · accumulation + micro}: the hash of the batch's tokens, the hash of the payload,
 * and {@code rows · k} (int32 id, float32 logit) pairs. A record counts only when both hashes match:
 * a record torn by a crash is recomputed, and a record for different tokens (other data or seed)
 * is an error. Because the cached values are what a fresh teacher pass yields, and training always
 * reads them back through this format, a run gives the same numbers with and without a cache.
 */
public final class TeacherCache implements AutoCloseable {
    private static final byte[] MAGIC = "QAT4JTC1".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;
    private final int rows;
    private final int k;
    private final long recordBytes;
    private final ByteBuffer buffer;

    private TeacherCache(Path path, FileChannel channel, int rows, int k) {
        this.path = path;
        this.channel = channel;
        this.rows = rows;
        this.k = k;
        this.recordBytes = 16L + 8L * rows * k;
        this.buffer = ByteBuffer.allocate(Math.toIntExact(recordBytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Opens (or creates) the cache at {@code path} for a teacher file and a batch shape.
     *
     * @throws IllegalArgumentException naming the file when it was made for another teacher, k or shape
     */
    public static TeacherCache open(Path path, Path teacher, int k, int vocab, int batch, int seqLen) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("format", 1);
        header.put("teacher_sha256", sha256(teacher));
        header.put("k", k);
        header.put("vocab", vocab);
        header.put("batch", batch);
        header.put("seq_len", seqLen);
        if (path.toAbsolutePath().getParent() != null) {
            Files.createDirectories(path.toAbsolutePath().getParent());
        }
        var ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            if (ch.size() == 0) {
                byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
                ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
                h.put(MAGIC).putInt(json.length).put(json);
                h.clear();
                writeFully(ch, h, 0);
            } else {
                JsonNode found = readHeader(ch, path);
                if (!found.equals(header)) {
                    throw new IllegalArgumentException(path + ": this teacher cache was made for " + found
                            + ", not for " + header + "; delete it or choose another cache file");
                }
            }
            return new TeacherCache(path, ch, batch * seqLen, k);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The cached targets of micro-batch {@code index}, or null when it is not (wholly) there. */
    public TeacherTargets read(long index, long tokensHash) throws IOException {
        long at = HEADER + index * recordBytes;
        if (at + recordBytes > channel.size()) {
            return null;
        }
        buffer.clear();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, at + buffer.position()) < 0) {
                return null;
            }
        }
        buffer.flip();
        long storedTokens = buffer.getLong();
        long storedPayload = buffer.getLong();
        if (storedTokens == 0) {
            return null;
        }
        if (hashPayload(buffer, 16) != storedPayload) {
            return null; // torn by a crash: recompute
        }
        if (storedTokens != tokensHash) {
            throw new IllegalStateException(path + ": record " + index + " was made for other tokens (different data, "
                    + "seed or batch order); delete the cache or choose another cache file");
        }
        int n = rows * k;
        int[] ids = new int[n];
        float[] logits = new float[n];
        for (int i = 0; i < n; i++) {
            ids[i] = buffer.getInt();
            logits[i] = buffer.getFloat();
        }
        return new TeacherTargets(rows, k, ids, logits);
    }

    /** Stores the targets of micro-batch {@code index}. */
    public void write(long index, long tokensHash, TeacherTargets t) throws IOException {
        if (t.rows() != rows || t.k() != k) {
            throw new IllegalArgumentException("teacher targets of " + t.rows() + " × " + t.k() + " do not fit this cache ("
                    + rows + " × " + k + ")");
        }
        buffer.clear();
        buffer.putLong(tokensHash == 0 ? 1 : tokensHash).putLong(0);
        for (int i = 0; i < rows * k; i++) {
            buffer.putInt(t.ids()[i]).putFloat(t.logits()[i]);
        }
        buffer.putLong(8, hashPayload(buffer, 16));
        buffer.flip();
        writeFully(channel, buffer, HEADER + index * recordBytes);
    }

    /** A 64-bit hash of the first n inputs and targets, never 0 (0 marks an empty record). */
    public static long hashTokens(int[] inputs, int[] targets, int n) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < n; i++) {
            h = mix(h ^ inputs[i]);
            h = mix(h ^ ((long) targets[i] << 32));
        }
        return h == 0 ? 1 : h;
    }

    private static long hashPayload(ByteBuffer b, int from) {
        long h = 0x632BE59BD9B4E019L;
        for (int i = from; i + 8 <= b.limit(); i += 8) {
            h = mix(h ^ b.getLong(i));
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static JsonNode readHeader(FileChannel ch, Path path) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        while (h.hasRemaining() && ch.read(h, h.position()) > 0) {
            // fill
        }
        h.flip();
        byte[] magic = new byte[MAGIC.length];
        if (h.remaining() < HEADER || !java.util.Arrays.equals(get(h, magic), MAGIC)) {
            throw new IllegalArgumentException(path + ": not a qat4j teacher cache");
        }
        int len = h.getInt();
        if (len <= 0 || len > HEADER - 12) {
            throw new IllegalArgumentException(path + ": corrupt teacher cache header");
        }
        byte[] json = new byte[len];
        h.get(json);
        return JSON.readTree(json);
    }

    private static byte[] get(ByteBuffer b, byte[] dst) {
        b.get(dst);
        return dst;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        while (b.hasRemaining()) {
            at += ch.write(b, at);
        }
    }

    /** SHA-256 of a file, hex. */
    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
