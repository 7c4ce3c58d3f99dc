package dev.lectern.app;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every URL a DASH player would fetch from a manifest: each representation's initialization and
 * numbered media segments (expanding the SegmentTimeline) and BaseURL files, resolved against the
 * manifest's own URL, the way dash.js does it.
 */
final class DashManifestUrls {
    private static final Pattern NUMBER = Pattern.compile("\\$Number(%0(\\d+)d)?\\$");

    private DashManifestUrls() {}

    static List<String> of(String manifestUrl, String manifest) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var document =
                factory.newDocumentBuilder()
                        .parse(new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
        URI base = URI.create(manifestUrl);
        List<String> urls = new ArrayList<>();
        NodeList representations = document.getElementsByTagName("Representation");
        for (int i = 0; i < representations.getLength(); i++) {
            Element representation = (Element) representations.item(i);
            NodeList baseUrls = representation.getElementsByTagName("BaseURL");
            if (baseUrls.getLength() > 0) {
                urls.add(base.resolve(baseUrls.item(0).getTextContent().strip()).toString());
            }
            NodeList templates = representation.getElementsByTagName("SegmentTemplate");
            if (templates.getLength() == 0) {
                continue;
            }
            Element template = (Element) templates.item(0);
            urls.add(base.resolve(template.getAttribute("initialization")).toString());
            int number = Integer.parseInt(template.getAttribute("startNumber"));
            NodeList runs = template.getElementsByTagName("S");
            for (int s = 0; s < runs.getLength(); s++) {
                Element run = (Element) runs.item(s);
                int repeats = run.hasAttribute("r") ? Integer.parseInt(run.getAttribute("r")) : 0;
                for (int r = 0; r <= repeats; r++) {
                    urls.add(
                            base.resolve(numbered(template.getAttribute("media"), number++))
                                    .toString());
                }
            }
        }
        return urls;
    }

    private static String numbered(String media, int number) {
        Matcher m = NUMBER.matcher(media);
        return m.replaceAll(
                r ->
                        r.group(2) == null
                                ? Integer.toString(number)
                                : String.format(Locale.ROOT, "%0" + r.group(2) + "d", number));
    }
}
