package io.groupkit.mtproto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** {@code gzip_packed}: a TL object compressed with gzip, inflated with a cap so no input can exhaust memory. */
public final class Gzip {
    private Gzip() {
    }

    /**
     * Packs a TL object.
     *
     * @param object the object's bytes
     * @return a {@code gzip_packed} body, constructor included
     */
    public static byte[] pack(byte[] object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(object);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return new TlWriter().int32(Constructors.GZIP_PACKED).bytes(out.toByteArray()).toByteArray();
    }

    /**
     * Inflates {@code packed_data}.
     *
     * @param packed the compressed bytes
     * @param maxBytes the largest inflated size accepted
     * @return the TL object
     * @throws TlException if the data is no gzip, is cut short, or inflates beyond the cap
     */
    public static byte[] unpack(byte[] packed, int maxBytes) throws TlException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(packed))) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw new TlException("expected gzip_packed data inflating to at most " + maxBytes + " bytes");
                }
                out.write(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            throw new TlException("expected gzip data in gzip_packed: " + e.getClass().getSimpleName());
        }
        return out.toByteArray();
    }
}
