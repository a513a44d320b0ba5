package dev.chorus.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    private static int sendable(SendBudget budget, long now) {
        int sent = 0;
        while (budget.allows(now)) {
            budget.spend(now);
            sent++;
        }
        return sent;
    }

    @Test
    void shouldAllowABurstOfTwiceTheRateThenTheRate() {
        SendBudget budget = new SendBudget(10, 0);
        assertThat(sendable(budget, 0)).isEqualTo(20);
        assertThat(sendable(budget, SECOND / 2)).isEqualTo(5);
        assertThat(sendable(budget, 10 * SECOND)).isEqualTo(20);
    }

    @Test
    void shouldLetUrgentFramesGoInDebtThatLaterSendsRepay() {
        SendBudget budget = new SendBudget(10, 0);
        sendable(budget, 0);
        budget.spend(0);
        budget.spend(0);
        assertThat(budget.allows(SECOND / 10)).isFalse();
        assertThat(budget.allows(3 * SECOND / 10)).isTrue();
    }

    @Test
    void shouldStartFromEmptyWhenTheGatewayRefuses() {
        SendBudget budget = new SendBudget(10, 0);
        budget.exhaust(0);
        assertThat(budget.allows(0)).isFalse();
        assertThat(sendable(budget, SECOND)).isEqualTo(10);
    }

    @Test
    void shouldRefuseARateThatIsNotPositive() {
        assertThatThrownBy(() -> new SendBudget(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
