package org.collapselab.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses a gzip file (RFC 1952) member after member, to the very end of the file. Unlike
 * {@link java.util.zip.GZIPInputStream}, which treats anything after a member that does not start like a gzip
 * header as the end of the data, every byte must belong to a well-formed member: a corrupt or truncated header,
 * corrupt deflate data, a CRC or size mismatch and trailing garbage all fail with a {@link ZipException} (an
 * {@link EOFException} when the file ends early) naming the member and its byte offset.
 */
final class GzipMembers extends InputStream {
    private static final int FHCRC = 2, FEXTRA = 4, FNAME = 8, FCOMMENT = 16;

    private final InputStream in;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    private int bpos, blim;
    private long base;          // file offset of buf[0]
    private int member;         // 1-based number of the member being read
    private long memberStart;   // its file offset
    private long size;          // uncompressed bytes of this member
    private boolean eof;

    GzipMembers(InputStream in) throws IOException {
        this.in = in;
        if (!header()) throw new EOFException("empty gzip file");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!eof) {
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (java.util.zip.DataFormatException e) {
                throw new ZipException(where() + ": corrupt deflate data (" + e.getMessage() + ")");
            }
            bpos = blim - inflater.getRemaining();
            if (n > 0) {
                crc.update(b, off, n);
                size += n;
                return n;
            }
            if (inflater.finished()) {
                trailer();
                if (!header()) eof = true;
            } else if (inflater.needsDictionary()) {
                throw new ZipException(where() + ": deflate data asks for a preset dictionary, which gzip does not have");
            } else if (inflater.needsInput()) {
                if (!refill()) throw new EOFException(where() + ": the file ends inside the compressed data (truncated)");
                inflater.setInput(buf, bpos, blim - bpos);
            }
        }
        return -1;
    }

    private String where() {
        return "gzip member " + member + " (starting at byte " + memberStart + ")";
    }

    private boolean refill() throws IOException {
        if (bpos < blim) return true;
        base += blim;
        bpos = 0;
        blim = 0;
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) return false;
        blim = n;
        return true;
    }

    /** The next byte of the file, or -1 at its end. */
    private int next() throws IOException {
        if (!refill()) return -1;
        return buf[bpos++] & 0xff;
    }

    private int need(String what) throws IOException {
        int c = next();
        if (c < 0) throw new EOFException(where() + ": the file ends inside the " + what + " (truncated) at byte " + (base + bpos));
        return c;
    }

    /** Reads the next member's header; false at a clean end of the file (no byte left). */
    private boolean header() throws IOException {
        long at = base + bpos;
        int id1 = next();
        if (id1 < 0) return false;
        member++;
        memberStart = at;
        int id2 = need("header");
        if (id1 != 0x1f || id2 != 0x8b)
            throw new ZipException(where() + ": not a gzip header (bytes " + hex(id1) + " " + hex(id2) + ", expected 1f 8b)"
                    + (member > 1 ? ": garbage after the last complete member" : ""));
        int cm = need("header");
        if (cm != 8) throw new ZipException(where() + ": compression method " + cm + ", gzip has only 8 (deflate)");
        int flg = need("header");
        if ((flg & 0xe0) != 0) throw new ZipException(where() + ": reserved header flags set (" + hex(flg) + ")");
        for (int i = 0; i < 6; i++) need("header");    // MTIME, XFL, OS
        if ((flg & FEXTRA) != 0) {
            int xlen = need("header") | need("header") << 8;
            for (int i = 0; i < xlen; i++) need("header's extra field");
        }
        if ((flg & FNAME) != 0) while (need("header's file name") != 0) { }
        if ((flg & FCOMMENT) != 0) while (need("header's comment") != 0) { }
        if ((flg & FHCRC) != 0) {
            need("header");
            need("header");
        }
        inflater.reset();
        crc.reset();
        size = 0;
        if (bpos < blim) inflater.setInput(buf, bpos, blim - bpos);
        return true;
    }

    private void trailer() throws IOException {
        long stored = 0, isize = 0;
        for (int i = 0; i < 4; i++) stored |= (long) need("trailer") << (8 * i);
        for (int i = 0; i < 4; i++) isize |= (long) need("trailer") << (8 * i);
        if (stored != crc.getValue())
            throw new ZipException(where() + ": CRC mismatch (stored " + Long.toHexString(stored) + ", computed " + Long.toHexString(crc.getValue()) + ")");
        if (isize != (size & 0xffffffffL))
            throw new ZipException(where() + ": size mismatch (stored " + isize + ", decompressed " + (size & 0xffffffffL) + " mod 2^32)");
    }

    private static String hex(int b) {
        return String.format("%02x", b);
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
