package io.scalemesh.console.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalemesh.console.client.ConnectionState.Connecting;
import io.scalemesh.console.client.ConnectionState.Idle;
import io.scalemesh.console.client.ConnectionState.Live;
import io.scalemesh.console.client.ConnectionState.Refused;
import io.scalemesh.console.client.ConnectionState.Waiting;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectorTest {
  private static final String ADDRESS = "127.0.0.1:18090";
  private final Reconnector reconnector =
      new Reconnector(
          new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), 2, 0.2, () -> 0.5));

  @Test
  void connectsAndGoesLiveWithTheFirstUpdate() {
    assertThat(reconnector.state()).isEqualTo(new Idle());
    assertThat(reconnector.start(ADDRESS)).isEqualTo(new Connecting(ADDRESS, 1));
    assertThat(reconnector.received("ops", true)).isEqualTo(new Live(ADDRESS, "ops", true));
    assertThat(reconnector.received("ops", true)).isEqualTo(new Live(ADDRESS, "ops", true));
  }

  @Test
  void failuresWaitLongerEachTimeUpToTheCapAndALiveStreamStartsOver() {
    reconnector.start(ADDRESS);
    assertThat(reconnector.failed("unreachable", true))
        .isEqualTo(new Waiting(ADDRESS, 1, Duration.ofMillis(500), "unreachable"));
    assertThat(reconnector.retryDue()).isEqualTo(new Connecting(ADDRESS, 2));
    assertThat(((Waiting) reconnector.failed("unreachable", true)).retryIn())
        .isEqualTo(Duration.ofSeconds(1));
    reconnector.retryDue();
    assertThat(((Waiting) reconnector.failed("unreachable", true)).retryIn())
        .isEqualTo(Duration.ofSeconds(2));
    for (int i = 0; i < 5; i++) {
      reconnector.retryDue();
      reconnector.failed("unreachable", true);
    }
    assertThat(reconnector.state())
        .isEqualTo(new Waiting(ADDRESS, 8, Duration.ofSeconds(5), "unreachable"));

    reconnector.retryDue();
    reconnector.received("ops", true);
    assertThat(reconnector.failed("stream reset", true))
        .isEqualTo(new Waiting(ADDRESS, 1, Duration.ofMillis(500), "stream reset"));
  }

  @Test
  void aRefusedTokenStopsRetryingUntilTheOperatorActs() {
    reconnector.start(ADDRESS);
    assertThat(reconnector.failed("token refused", false))
        .isEqualTo(new Refused(ADDRESS, "token refused"));
    assertThat(reconnector.retryDue()).isEqualTo(new Refused(ADDRESS, "token refused"));
    assertThat(reconnector.failed("again", true)).isEqualTo(new Refused(ADDRESS, "token refused"));
    assertThat(reconnector.start(ADDRESS)).isEqualTo(new Connecting(ADDRESS, 1));
  }

  @Test
  void eventsThatDoNotFitTheStateChangeNothing() {
    assertThat(reconnector.received("ops", true)).isEqualTo(new Idle());
    assertThat(reconnector.failed("late failure of a closed stream", true)).isEqualTo(new Idle());
    assertThat(reconnector.retryDue()).isEqualTo(new Idle());
    reconnector.start(ADDRESS);
    reconnector.received("ops", true);
    assertThat(reconnector.retryDue()).isEqualTo(new Live(ADDRESS, "ops", true));
    assertThat(reconnector.stop()).isEqualTo(new Idle());
  }

  @Test
  void jitterSpreadsTheDelayByUpToAFifthEitherWay() {
    assertThat(
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 2, 0.2, () -> 0.0).delay(1))
        .isEqualTo(Duration.ofMillis(800));
    assertThat(
            new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5), 2, 0.2, () -> 0.999_999)
                .delay(1))
        .isEqualTo(Duration.ofMillis(1200));
  }
}
