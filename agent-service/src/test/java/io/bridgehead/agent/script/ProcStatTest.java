package io.bridgehead.agent.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.agent.script.PosixProcessTreeKiller.ProcStat;
import org.junit.jupiter.api.Test;

class ProcStatTest {
  @Test
  void parsesCommandNameWithParentheses() {
    ProcStat stat = ProcStat.parse("4242 (a) b (c)) S 1 4200 4200 0 -1 4194304 95 0 0 0\n");

    assertThat(stat).isEqualTo(new ProcStat(4242, 'S', 4200));
  }

  @Test
  void parsesZombie() {
    assertThat(ProcStat.parse("7 (sleep) Z 1 5 5 0").state()).isEqualTo('Z');
  }

  @Test
  void rejectsTruncatedText() {
    assertThat(ProcStat.parse("7 (sleep")).isNull();
    assertThat(ProcStat.parse("7 (sleep) S")).isNull();
    assertThat(ProcStat.parse("x (sleep) S 1 5")).isNull();
  }
}
