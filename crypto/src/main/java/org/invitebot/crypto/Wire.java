package org.invitebot.crypto;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The key-value payload of Olm and Megolm messages: a varint tag whose low 3 bits give the type (0 integer,
 * 2 string), then a varint value or a varint length and the bytes. Unknown tags are skipped, as libolm does.
 */
final class Wire {

    static final byte VERSION = 3;

    private Wire() {
    }

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer() {
            out.write(VERSION);
        }

        Writer bytes(int tag, byte[] value) {
            varint(tag);
            varint(value.length);
            out.writeBytes(value);
            return this;
        }

        Writer integer(int tag, long value) {
            varint(tag);
            varint(value);
            return this;
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        private void varint(long value) {
            long rest = value;
            while (rest >= 0x80) {
                out.write((int) (rest & 0x7f) | 0x80);
                rest >>>= 7;
            }
            out.write((int) rest);
        }
    }

    /** The fields of a payload that starts with the version byte, from {@code start} to {@code end}. */
    static Map<Integer, Object> read(byte[] message, int end) throws OlmException {
        if (message.length == 0 || end > message.length || end < 1) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "too short");
        }
        if (message[0] != VERSION) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_VERSION, "version " + message[0]);
        }
        Map<Integer, Object> fields = new HashMap<>();
        int[] at = {1};
        while (at[0] < end) {
            long tag = varint(message, at, end);
            switch ((int) (tag & 7)) {
                case 0 -> fields.put((int) tag, varint(message, at, end));
                case 2 -> {
                    long length = varint(message, at, end);
                    if (length > end - at[0]) {
                        throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "a field runs past the end");
                    }
                    fields.put((int) tag, Arrays.copyOfRange(message, at[0], at[0] + (int) length));
                    at[0] += (int) length;
                }
                default -> throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "field type " + (tag & 7));
            }
        }
        return fields;
    }

    static byte[] bytesField(Map<Integer, Object> fields, int tag, int expectedLength) throws OlmException {
        if (!(fields.get(tag) instanceof byte[] value) || expectedLength >= 0 && value.length != expectedLength) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "field " + tag + " missing or malformed");
        }
        return value;
    }

    static long integerField(Map<Integer, Object> fields, int tag) throws OlmException {
        if (!(fields.get(tag) instanceof Long value)) {
            throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "field " + tag + " missing");
        }
        return value;
    }

    private static long varint(byte[] bytes, int[] at, int end) throws OlmException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= end) {
                throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "a number runs past the end");
            }
            int b = bytes[at[0]++] & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new OlmException(OlmException.Reason.BAD_MESSAGE_FORMAT, "a number is too long");
    }
}
