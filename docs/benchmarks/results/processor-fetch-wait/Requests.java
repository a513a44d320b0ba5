import com.sun.tools.attach.VirtualMachine;
import javax.management.*;
import javax.management.remote.*;
import java.util.*;

/** Requests.java PID SECONDS: Kafka broker request rates by type (and records in by topic) over SECONDS, via JMX. */
public class Requests {
    public static void main(String[] a) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(a[0]);
        String url = vm.startLocalManagementAgent();
        Map<String, Long> before, after;
        double s;
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(url))) {
            MBeanServerConnection c = connector.getMBeanServerConnection();
            before = snap(c);
            long t0 = System.nanoTime();
            Thread.sleep(Long.parseLong(a[1]) * 1000);
            after = snap(c);
            s = (System.nanoTime() - t0) / 1e9;
        }
        List<Map.Entry<String, Long>> d = new ArrayList<>();
        for (var e : after.entrySet()) d.add(Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)));
        d.sort((x, y) -> Long.compare(y.getValue(), x.getValue()));
        for (var e : d) if (e.getValue() > 0) System.out.printf("%10.1f/s %s%n", e.getValue() / s, e.getKey());
        vm.detach();
    }
    /** Each counter read: its MBeans, the key property that tells them apart, and the label it is printed under. */
    static final String[][] COUNTERS = {
        {"kafka.network:type=RequestMetrics,name=RequestsPerSec,*", "request", "req "},
        {"kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,*", "topic", "records in "},
        {"kafka.server:type=BrokerTopicMetrics,name=TotalProduceRequestsPerSec,*", "topic", "produce reqs "},
        {"kafka.server:type=BrokerTopicMetrics,name=TotalFetchRequestsPerSec,*", "topic", "fetch reqs "},
    };
    static Map<String, Long> snap(MBeanServerConnection c) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        for (String[] counter : COUNTERS)
            for (ObjectName n : c.queryNames(new ObjectName(counter[0]), null))
                m.merge(counter[2] + Objects.toString(n.getKeyProperty(counter[1]), "(all)"),
                        (Long) c.getAttribute(n, "Count"), Long::sum);
        return m;
    }
}
