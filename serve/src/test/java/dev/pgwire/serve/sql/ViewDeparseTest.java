package dev.pgwire.serve.sql;

import dev.pgwire.serve.sql.CatalogView.ColumnInfo;
import dev.pgwire.serve.sql.CatalogView.Relation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** pg_get_viewdef's text of a view's query, plain and pretty, as PostgreSQL 15 writes it (checked against it). */
class ViewDeparseTest {

    private static final CatalogView CATALOG = (schema, name) -> switch (name) {
        case "orders" -> table("orders", "id:int4", "customer_id:int4", "amount:numeric:655366", "qty:int4", "note:text");
        case "customers" -> table("customers", "id:int4", "name:varchar:44", "city:text");
        default -> null;
    };

    private static Relation table(String name, String... columns) {
        List<ColumnInfo> cols = new ArrayList<>();
        for (String c : columns) {
            String[] p = c.split(":");
            PgTypeName type = new PgTypeName(p[1], p.length > 2 ? Integer.parseInt(p[2]) : -1, 0, true);
            cols.add(new ColumnInfo(p[0], cols.size() + 1, "VARCHAR", type, false, null, "", null, null));
        }
        return new Relation("public", name, false, cols, null);
    }

    private static String[] shown(String query, String... aliases) {
        Node select = PgParser.parse(query).get(0).tree();
        String pair = ViewDeparse.pair(select, List.of(aliases), CATALOG);
        assertThat(pair).as("written as PostgreSQL does").isNotNull();
        // as a session on the default search_path sees it
        return new String[] {SchemaNames.write(ColumnMeta.form(pair, false)), SchemaNames.write(ColumnMeta.form(pair, true))};
    }

    @Test
    void aStarIsWrittenOutAndAComparisonShowsItsCast() {
        String[] s = shown("SELECT * FROM orders WHERE amount > 100");
        assertThat(s[0]).isEqualTo(" SELECT orders.id,\n    orders.customer_id,\n    orders.amount,\n    orders.qty,\n    orders.note\n"
                + "   FROM orders\n  WHERE (orders.amount > (100)::numeric);");
        assertThat(s[1]).endsWith("   FROM orders\n  WHERE orders.amount > 100::numeric;");
    }

    @Test
    void aJoinIsInParenthesesInThePlainFormOnly() {
        String[] s = shown("SELECT o.id, c.name AS customer FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.note IS NOT NULL");
        assertThat(s[0]).isEqualTo(" SELECT o.id,\n    c.name AS customer\n   FROM (orders o\n     JOIN customers c ON ((c.id = o.customer_id)))\n"
                + "  WHERE (o.note IS NOT NULL);");
        assertThat(s[1]).isEqualTo(" SELECT o.id,\n    c.name AS customer\n   FROM orders o\n     JOIN customers c ON c.id = o.customer_id\n"
                + "  WHERE o.note IS NOT NULL;");
    }

    @Test
    void aggregatesGroupByHavingOrderByAndLimit() {
        String[] s = shown("SELECT customer_id, count(*) AS n, sum(amount) FROM orders GROUP BY 1 HAVING count(*) > 1 ORDER BY n DESC LIMIT 10");
        assertThat(s[0]).isEqualTo(" SELECT orders.customer_id,\n    count(*) AS n,\n    sum(orders.amount) AS sum\n   FROM orders\n"
                + "  GROUP BY orders.customer_id\n HAVING (count(*) > 1)\n  ORDER BY (count(*)) DESC\n LIMIT 10;");
    }

    @Test
    void aCaseIsIndentedUnderItsColumn() {
        String[] s = shown("SELECT id, CASE WHEN qty > 10 THEN 'big' ELSE 'small' END AS size FROM orders");
        assertThat(s[1]).isEqualTo(" SELECT orders.id,\n        CASE\n            WHEN orders.qty > 10 THEN 'big'::text\n"
                + "            ELSE 'small'::text\n        END AS size\n   FROM orders;");
    }

    @Test
    void subqueriesAreIndentedUnderTheirExpression() {
        String[] s = shown("SELECT c.name FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)"
                + " AND c.id IN (SELECT customer_id FROM orders)");
        assertThat(s[0]).isEqualTo(" SELECT c.name\n   FROM customers c\n  WHERE ((EXISTS ( SELECT 1\n           FROM orders o\n"
                + "          WHERE (o.customer_id = c.id))) AND (c.id IN ( SELECT orders.customer_id\n           FROM orders)));");
    }

    @Test
    void aUnionPutsItsKeywordBetweenItsBranches() {
        String[] s = shown("SELECT id FROM orders UNION ALL SELECT id FROM customers ORDER BY 1", "key");
        assertThat(s[0]).isEqualTo(" SELECT orders.id AS key\n   FROM orders\nUNION ALL\n SELECT customers.id AS key\n   FROM customers\n  ORDER BY 1;");
    }

    @Test
    void aWithClauseIndentsEachQueryInItsParentheses() {
        String[] s = shown("WITH t AS (SELECT id FROM orders) SELECT id FROM t");
        assertThat(s[0]).isEqualTo(" WITH t AS (\n         SELECT orders.id\n           FROM orders\n        )\n SELECT t.id\n   FROM t;");
    }

    @Test
    void aWindowFunctionShowsItsPartitionAndOrder() {
        String[] s = shown("SELECT id, sum(qty) OVER (PARTITION BY customer_id ORDER BY id DESC NULLS LAST) AS running FROM orders");
        assertThat(s[0]).isEqualTo(" SELECT orders.id,\n    sum(orders.qty) OVER (PARTITION BY orders.customer_id ORDER BY orders.id DESC NULLS LAST)"
                + " AS running\n   FROM orders;");
    }

    @Test
    void whatIsNotWrittenAsPostgreSqlDoesIsNull() {
        Node recursive = PgParser.parse("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT n FROM t").get(0).tree();
        assertThat(ViewDeparse.pair(recursive, List.of(), CATALOG)).isNull();
        Node frame = PgParser.parse("SELECT id, sum(qty) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM orders").get(0).tree();
        assertThat(ViewDeparse.pair(frame, List.of(), CATALOG)).isNull();
    }
}
