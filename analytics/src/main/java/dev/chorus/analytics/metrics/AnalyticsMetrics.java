package dev.chorus.analytics.metrics;

import dev.chorus.analytics.topology.ActiveUsersPerHour;
import dev.chorus.analytics.topology.ClosedWindows;
import dev.chorus.analytics.topology.MessagesPerMinute;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest closed windows as Prometheus gauges (names as Prometheus shows them):
 *
 * <ul>
 *   <li>{@code chorus_analytics_group_messages_per_minute{group}}: messages in the group's latest closed
 *       minute that had any;</li>
 *   <li>{@code chorus_analytics_active_users_per_hour}: distinct active users in the latest closed hour;</li>
 *   <li>{@code chorus_analytics_window_end_seconds{aggregate}}: the end, in event time, of the latest closed
 *       window of each aggregate, so a dashboard can tell current figures from stale ones.</li>
 * </ul>
 *
 * <p>Each instance shows the windows of the partitions it owns; summing over instances is right, as every
 * group and the one active-users key belong to one instance at a time. A group's series is removed once
 * the newest closed minute is {@code groupIdle} past its own (event time), which bounds the series to the
 * groups active lately.
 */
public final class AnalyticsMetrics implements ClosedWindows {

    static final String GROUP_MESSAGES = "chorus.analytics.group.messages.per.minute";
    static final String ACTIVE_USERS = "chorus.analytics.active.users.per.hour";
    static final String WINDOW_END = "chorus.analytics.window.end";

    private final MeterRegistry registry;
    private final Duration groupIdle;
    private final Map<String, GroupGauge> groups = new HashMap<>();
    private final AtomicLong activeUsers = new AtomicLong();
    private final AtomicLong latestMinuteEnd = new AtomicLong();
    private final AtomicLong latestHourEnd = new AtomicLong();

    private record GroupGauge(Gauge gauge, AtomicLong messages, AtomicLong windowEnd) {
    }

    public AnalyticsMetrics(MeterRegistry registry, Duration groupIdle) {
        this.registry = registry;
        this.groupIdle = groupIdle;
        Gauge.builder(ACTIVE_USERS, activeUsers, AtomicLong::get)
                .description("Distinct users who posted or joined in the latest closed hour")
                .register(registry);
        windowEndGauge("messages-per-minute", latestMinuteEnd);
        windowEndGauge("active-users-per-hour", latestHourEnd);
    }

    /** Stream threads of several tasks call in; one lock keeps the gauges and their removal consistent. */
    @Override
    public synchronized void messagesPerMinute(MessagesPerMinute window) {
        long end = window.windowEnd().toEpochMilli();
        GroupGauge group = groups.computeIfAbsent(window.groupId(), this::groupGauge);
        if (end >= group.windowEnd().get()) {
            group.windowEnd().set(end);
            group.messages().set(window.messages());
        }
        latestMinuteEnd.accumulateAndGet(end, Math::max);
        forgetIdleGroups();
    }

    @Override
    public synchronized void activeUsersPerHour(ActiveUsersPerHour window) {
        long end = window.windowEnd().toEpochMilli();
        if (end >= latestHourEnd.get()) {
            latestHourEnd.set(end);
            activeUsers.set(window.activeUsers());
        }
    }

    private void forgetIdleGroups() {
        long idleBefore = latestMinuteEnd.get() - groupIdle.toMillis();
        for (Iterator<GroupGauge> it = groups.values().iterator(); it.hasNext(); ) {
            GroupGauge group = it.next();
            if (group.windowEnd().get() < idleBefore) {
                registry.remove(group.gauge());
                it.remove();
            }
        }
    }

    private GroupGauge groupGauge(String groupId) {
        AtomicLong messages = new AtomicLong();
        Gauge gauge = Gauge.builder(GROUP_MESSAGES, messages, AtomicLong::get)
                .description("Messages posted to the group in its latest closed minute that had any")
                .tag("group", groupId)
                .register(registry);
        return new GroupGauge(gauge, messages, new AtomicLong(Long.MIN_VALUE));
    }

    private void windowEndGauge(String aggregate, AtomicLong endMillis) {
        Gauge.builder(WINDOW_END, endMillis, millis -> millis.get() / 1000.0)
                .description("End of the latest closed window, in event time")
                .baseUnit("seconds")
                .tag("aggregate", aggregate)
                .register(registry);
    }

    /** For tests and logs: the groups that have a series now. */
    synchronized Map<String, Instant> trackedGroups() {
        Map<String, Instant> tracked = new HashMap<>();
        groups.forEach((id, group) -> tracked.put(id, Instant.ofEpochMilli(group.windowEnd().get())));
        return tracked;
    }
}
