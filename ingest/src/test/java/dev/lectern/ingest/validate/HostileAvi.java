package dev.lectern.ingest.validate;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes small hand-made AVI files for the bad-input corpus: RIFF 'AVI ' with one stream header
 * list and a movi list. Only what ffmpeg's AVI demuxer reads is filled in.
 */
public final class HostileAvi {
    private HostileAvi() {}

    /**
     * The known ffmpeg file-disclosure payload: a subtitle ('txts') stream whose only chunk is a
     * GAB2 embedded subtitle file holding an #EXTM3U playlist that names {@code target}. An ffmpeg
     * that probed the embedded file as HLS with the file protocol open would read the target.
     */
    public static byte[] gab2Playlist(String target) {
        byte[] playlist =
                ("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:10.0,\n"
                                + target
                                + "\n#EXT-X-ENDLIST\n")
                        .getBytes(StandardCharsets.US_ASCII);
        byte[] title = "x\0".getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer gab2 = le(5 + 2 + 4 + title.length + 2 + 4 + playlist.length);
        gab2.put("GAB2\0".getBytes(StandardCharsets.US_ASCII));
        gab2.putShort((short) 2); // version the demuxer checks for
        gab2.putInt(title.length);
        gab2.put(title);
        gab2.putShort((short) 4); // the embedded file's kind
        gab2.putInt(playlist.length);
        gab2.put(playlist);
        byte[] strf = new byte[0];
        return avi(streamHeader("txts", "\0\0\0\0", 1), strf, chunk("02tx", gab2.array()), 0, 0);
    }

    /**
     * A video stream whose headers claim {@code width}x{@code height} (raw BGR) and that holds no
     * frame: what a file lying about its picture size looks like before anything is decoded.
     */
    static byte[] claimedDimensions(int width, int height) {
        ByteBuffer bitmap = le(40);
        bitmap.putInt(40);
        bitmap.putInt(width);
        bitmap.putInt(height);
        bitmap.putShort((short) 1);
        bitmap.putShort((short) 24);
        bitmap.putInt(0); // BI_RGB: raw pixels
        bitmap.putInt(width * 3 * height);
        bitmap.putInt(0);
        bitmap.putInt(0);
        bitmap.putInt(0);
        bitmap.putInt(0);
        return avi(streamHeader("vids", "\0\0\0\0", 0), bitmap.array(), new byte[0], width, height);
    }

    private static byte[] avi(byte[] strh, byte[] strf, byte[] movi, int width, int height) {
        ByteBuffer avih = le(56);
        avih.putInt(40_000); // microseconds per frame
        avih.putInt(0);
        avih.putInt(0);
        avih.putInt(0x10); // AVIF_HASINDEX
        avih.putInt(1); // total frames
        avih.putInt(0);
        avih.putInt(1); // streams
        avih.putInt(0);
        avih.putInt(width);
        avih.putInt(height);
        byte[] strl = list("strl", concat(chunk("strh", strh), chunk("strf", strf)));
        byte[] hdrl = list("hdrl", concat(chunk("avih", avih.array()), strl));
        byte[] body = concat("AVI ".getBytes(StandardCharsets.US_ASCII), hdrl, list("movi", movi));
        return concat(
                "RIFF".getBytes(StandardCharsets.US_ASCII),
                le(4).putInt(body.length).array(),
                body);
    }

    private static byte[] streamHeader(String type, String handler, int length) {
        ByteBuffer strh = le(56);
        strh.put(type.getBytes(StandardCharsets.US_ASCII));
        strh.put(handler.getBytes(StandardCharsets.US_ASCII));
        strh.putInt(0); // flags
        strh.putInt(0); // priority, language
        strh.putInt(0); // initial frames
        strh.putInt(1); // scale
        strh.putInt(25); // rate
        strh.putInt(0); // start
        strh.putInt(length);
        strh.putInt(0); // suggested buffer size
        strh.putInt(-1); // quality
        strh.putInt(0); // sample size
        return strh.array();
    }

    private static byte[] list(String type, byte[] content) {
        return chunk("LIST", concat(type.getBytes(StandardCharsets.US_ASCII), content));
    }

    private static byte[] chunk(String id, byte[] data) {
        byte[] padded = data.length % 2 == 0 ? data : concat(data, new byte[1]);
        return concat(
                id.getBytes(StandardCharsets.US_ASCII), le(4).putInt(data.length).array(), padded);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
