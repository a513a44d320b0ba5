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
    static Map<String, Long> snap(MBeanServerConnection c) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        for (ObjectName n : c.queryNames(new ObjectName("kafka.network:type=RequestMetrics,name=RequestsPerSec,*"), null))
            m.merge("req " + n.getKeyProperty("request"), (Long) c.getAttribute(n, "Count"), Long::sum);
        for (ObjectName n : c.queryNames(new ObjectName("kafka.server:type=BrokerTopicMetrics,name=MessagesInPerSec,*"), null))
            m.merge("records in " + Objects.toString(n.getKeyProperty("topic"), "(all)"), (Long) c.getAttribute(n, "Count"), Long::sum);
        for (ObjectName n : c.queryNames(new ObjectName("kafka.server:type=BrokerTopicMetrics,name=TotalProduceRequestsPerSec,*"), null))
            m.merge("produce reqs " + Objects.toString(n.getKeyProperty("topic"), "(all)"), (Long) c.getAttribute(n, "Count"), Long::sum);
        for (ObjectName n : c.queryNames(new ObjectName("kafka.server:type=BrokerTopicMetrics,name=TotalFetchRequestsPerSec,*"), null))
            m.merge("fetch reqs " + Objects.toString(n.getKeyProperty("topic"), "(all)"), (Long) c.getAttribute(n, "Count"), Long::sum);
        return m;
    }
}
