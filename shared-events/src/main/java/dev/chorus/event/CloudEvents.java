package dev.chorus.event;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CloudEvents 1.0 attributes of every record on {@code chorus.events}, in the Kafka protocol binding's
 * binary mode: the record value is the event's data (its JSON, unchanged), the attributes travel as
 * {@code ce_*} headers, UTF-8 strings. The processor writes them; anyone reading the audit log (replay,
 * analytics, a CloudEvents SDK) reads them with these names.
 */
public final class CloudEvents {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    /** Extension attribute: the id of the command the event was decided from. */
    public static final String COMMAND_ID = "ce_commandid";
    /** The binding maps {@code datacontenttype} to this header, without the {@code ce_} prefix. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    /** Every header the processor writes on an event record. */
    public static final List<String> HEADERS = List.of(ID, TYPE, SOURCE, TIME, SPEC_VERSION,
            COMMAND_ID, CONTENT_TYPE);

    private static final String SOURCE_PREFIX = "/chorus/groups/";

    private CloudEvents() {
    }

    /**
     * @param id        unique among all events; see {@link #id}
     * @param commandId the command the event was decided from
     */
    public static Headers headers(DomainEvent event, String id, String commandId) {
        Headers headers = new RecordHeaders();
        add(headers, ID, id);
        add(headers, SOURCE, source(event.groupId()));
        add(headers, SPEC_VERSION, SPEC_VERSION_1_0);
        add(headers, TYPE, EventTypes.of(event));
        // Instant's ISO-8601 form is always UTC with a "Z": an RFC 3339 timestamp
        add(headers, TIME, event.occurredAt().toString());
        add(headers, COMMAND_ID, commandId);
        add(headers, CONTENT_TYPE, JSON);
        return headers;
    }

    /**
     * The id of the {@code index}-th event decided from the command at {@code offset} of partition
     * {@code partition} of {@code chorus.commands}. Kafka makes positions unique, and a command processed
     * again (after an aborted exactly-once transaction, or a crash before the commit) sits at the same
     * position and decides the same events, so they get the same ids.
     */
    public static String id(int partition, long offset, int index) {
        return "commands-" + partition + "-" + offset + "-" + index;
    }

    /** {@code /chorus/groups/<group id>}, the id percent-encoded as one path segment (ids are any string). */
    public static String source(String groupId) {
        return SOURCE_PREFIX + encodeSegment(groupId);
    }

    /** The header's value as a string, {@code null} when the record has no such header. */
    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 3986: unreserved characters stay, every other byte of the UTF-8 form is %XX. */
    private static String encodeSegment(String segment) {
        StringBuilder encoded = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
