package dev.pgwire.serve.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UpdatableViewsTest {

    private static UpdatableViews.Simple simple(String definition) {
        return UpdatableViews.simple(definition, null, base -> List.of("id", "name", "score"));
    }

    @Test
    void aSelectOfOneTableIsSimpleAndItsPlainColumnsAreUpdatable() {
        UpdatableViews.Simple v = simple("SELECT c.id, upper(c.name) AS shout, score FROM people c WHERE c.score > 1");
        assertThat(v).isNotNull();
        assertThat(v.baseRelation()).isEqualTo("people");
        assertThat(v.baseName()).isEqualTo("c");
        assertThat(v.columns()).containsExactly("id", "shout", "score");
        assertThat(v.updatable()).containsExactly(true, false, true);
        assertThat(v.where()).isNotNull();
    }

    @Test
    void starTakesTheBaseRelationsColumnsAndRenamedViewColumnsKeepTheirNames() {
        UpdatableViews.Simple v = UpdatableViews.simple("SELECT * FROM people", List.of("a", "b", "c"),
                base -> List.of("id", "name", "score"));
        assertThat(v.columns()).containsExactly("a", "b", "c");
        assertThat(v.updatable()).containsExactly(true, true, true);
    }

    @Test
    void groupingAggregatesJoinsSetOperationsAndLimitsAreNotSimple() {
        assertThat(simple("SELECT score, count(*) FROM people GROUP BY score")).isNull();
        assertThat(simple("SELECT max(score) FROM people")).isNull();
        assertThat(simple("SELECT DISTINCT name FROM people")).isNull();
        assertThat(simple("SELECT p.id FROM people p JOIN teams t ON t.id = p.id")).isNull();
        assertThat(simple("SELECT id FROM people UNION SELECT id FROM teams")).isNull();
        assertThat(simple("SELECT id FROM people LIMIT 3")).isNull();
        assertThat(simple("WITH x AS (SELECT 1) SELECT id FROM people")).isNull();
        assertThat(simple("SELECT id, row_number() OVER () FROM people")).isNull();
        assertThat(simple("SELECT id, generate_series(1, 2) FROM people")).isNull();
        assertThat(simple("SELECT 1")).isNull();
    }

    @Test
    void aViewWithoutPlainColumnsHasNoneUpdatable() {
        UpdatableViews.Simple v = simple("SELECT upper(name) AS u, score + 1 AS s FROM people");
        assertThat(v).isNotNull();
        assertThat(v.anyUpdatable()).isFalse();
    }
}
