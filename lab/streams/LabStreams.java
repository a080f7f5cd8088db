// The lab's Kafka Streams application: application.id lab-streams on the streams rebalance protocol
// (KIP-1071, group.protocol=streams), so the lab always has a live streams group to describe. It
// reads `resource` and writes each record's value size to `resource-sizes`: one stateless
// sub-topology, so no changelog or repartition topics and no RocksDB in a small heap.
//
// usage: java -cp <kafka libs>/*:<classes> LabStreams <bootstrap> <state dir> [<application.id> <input> <output>]
// (the optional three name a second application, as tests start one on a topic of their own; it
// also counts records per value size in an in-memory store, so it has a second sub-topology reading
// a repartition topic and a changelog, all created by the broker)
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
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

public final class LabStreams {
	public static void main(String[] args) throws Exception {
		if (args.length != 2 && args.length != 5) {
			System.err.println("usage: LabStreams <bootstrap> <state dir> [<application.id> <input> <output>]");
			System.exit(2);
		}
		String bootstrap = args[0];
		String applicationId = args.length == 5 ? args[2] : "lab-streams";
		String input = args.length == 5 ? args[3] : "resource";
		String output = args.length == 5 ? args[4] : "resource-sizes";
		boolean counting = args.length == 5;
		createOutput(bootstrap, counting ? List.of(output, output + "-counts") : List.of(output));

		Properties props = new Properties();
		props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		props.put(StreamsConfig.CLIENT_ID_CONFIG, "kcon-" + applicationId);
		props.put(StreamsConfig.STATE_DIR_CONFIG, args[1]);
		props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
		// committed offsets follow the input within a second, as the lab's other consumers do
		props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
		props.put("group.protocol", "streams");

		StreamsBuilder builder = new StreamsBuilder();
		KStream<byte[], byte[]> records = builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
		records.mapValues(v -> v == null ? "0" : Integer.toString(v.length)).to(output, Produced.with(Serdes.ByteArray(), Serdes.String()));
		if (counting) {
			records.groupBy((k, v) -> v == null ? "0" : Integer.toString(v.length), Grouped.with(Serdes.String(), Serdes.ByteArray()))
				.count(Materialized.<String, Long>as(Stores.inMemoryKeyValueStore("sizes")).withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
				.toStream()
				.to(output + "-counts", Produced.with(Serdes.String(), Serdes.Long()));
		}

		KafkaStreams streams = new KafkaStreams(builder.build(), props);
		CountDownLatch stopped = new CountDownLatch(1);
		// SIGTERM (`kcon lab down`): leave the group before the JVM ends
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			streams.close(Duration.ofSeconds(5));
			stopped.countDown();
		}));
		streams.setStateListener((now, before) -> {
			System.err.println(applicationId + ": " + before + " -> " + now);
			if (now == KafkaStreams.State.ERROR) System.exit(1);
		});
		streams.start();
		stopped.await();
	}

	/** The output topics with the brokers' default partitions and replication factor. */
	static void createOutput(String bootstrap, List<String> outputs) throws InterruptedException {
		Properties props = new Properties();
		props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		try (Admin admin = Admin.create(props)) {
			for (String output : outputs) {
				try {
					admin.createTopics(List.of(new NewTopic(output, Optional.empty(), Optional.empty()))).all().get();
				} catch (ExecutionException e) {
					if (!(e.getCause() instanceof TopicExistsException)) throw new RuntimeException("could not create " + output, e.getCause());
				}
			}
		}
	}
}
