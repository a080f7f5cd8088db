// The lab's Kafka Streams application: application.id lab-streams on the streams rebalance protocol
// (KIP-1071, group.protocol=streams), so the lab always has a live streams group to describe. It
// reads `resource` and writes each record's value size to `resource-sizes`: one stateless
// sub-topology, so no changelog or repartition topics and no RocksDB in a small heap.
//
// usage: java -cp <kafka libs>/*:<classes> LabStreams <bootstrap> <state dir>
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

public final class LabStreams {
	static final String APPLICATION_ID = "lab-streams";
	static final String INPUT = "resource";
	static final String OUTPUT = "resource-sizes";

	public static void main(String[] args) throws Exception {
		if (args.length != 2) {
			System.err.println("usage: LabStreams <bootstrap> <state dir>");
			System.exit(2);
		}
		String bootstrap = args[0];
		createOutput(bootstrap);

		Properties props = new Properties();
		props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
		props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		props.put(StreamsConfig.CLIENT_ID_CONFIG, "kcon-lab-streams");
		props.put(StreamsConfig.STATE_DIR_CONFIG, args[1]);
		props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
		// committed offsets follow the input within a second, as the lab's other consumers do
		props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
		props.put("group.protocol", "streams");

		StreamsBuilder builder = new StreamsBuilder();
		builder.stream(INPUT, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
			.mapValues(v -> v == null ? "0" : Integer.toString(v.length))
			.to(OUTPUT, Produced.with(Serdes.ByteArray(), Serdes.String()));

		KafkaStreams streams = new KafkaStreams(builder.build(), props);
		CountDownLatch stopped = new CountDownLatch(1);
		// SIGTERM (`kcon lab down`): leave the group before the JVM ends
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			streams.close(Duration.ofSeconds(5));
			stopped.countDown();
		}));
		streams.setStateListener((now, before) -> {
			System.err.println("lab-streams: " + before + " -> " + now);
			if (now == KafkaStreams.State.ERROR) System.exit(1);
		});
		streams.start();
		stopped.await();
	}

	/** The output topic with the brokers' default partitions and replication factor. */
	static void createOutput(String bootstrap) throws InterruptedException {
		Properties props = new Properties();
		props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		try (Admin admin = Admin.create(props)) {
			admin.createTopics(List.of(new NewTopic(OUTPUT, Optional.empty(), Optional.empty()))).all().get();
		} catch (ExecutionException e) {
			if (!(e.getCause() instanceof TopicExistsException)) throw new RuntimeException("could not create " + OUTPUT, e.getCause());
		}
	}
}
