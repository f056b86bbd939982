package org.collapselab.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex, the one digest the toolkit seals and identifies files with. */
public final class Sha256 {
    private Sha256() {}

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of a file's bytes, read in blocks (files over 2 GB included). */
    public static String hex(java.nio.file.Path file) throws java.io.IOException {
        MessageDigest md = digest();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            byte[] block = new byte[1 << 20];
            for (int n; (n = in.read(block)) > 0; ) md.update(block, 0, n);
        }
        return hex(md);
    }

    /** The hex of what {@code digest} ({@link #digest()}, fed since) has seen; the digest is reset. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A fresh SHA-256 digest, for streaming input. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
