package io.openpe.migration.store;

import static org.awaitility.Awaitility.await;

import io.openpe.migration.saga.Saga;
import io.openpe.migration.saga.SagaPolicy;
import io.openpe.testkit.kafka.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/** Starts the decider topology against a test broker with the coordinator's guarantees. */
final class SagaDeciderBrokerTestSupport {
  private SagaDeciderBrokerTestSupport() {
  }

  static KafkaStreams start(KafkaBroker broker, String applicationId) throws IOException {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
    config.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6000);
    config.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1000);
    config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("sg-streams-").toString());
    KafkaStreams streams = new KafkaStreams(SagaTopology.build(new Saga(SagaPolicy.defaults()),
        Duration.ofMillis(200)), config);
    streams.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    return streams;
  }
}
