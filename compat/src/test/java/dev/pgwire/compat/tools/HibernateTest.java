package dev.pgwire.compat.tools;

import dev.pgwire.compat.JavaTool;
import dev.pgwire.compat.Target;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Hibernate ORM 6 against serve and PostgreSQL: schema creation (hbm2ddl create) for entities with a
 * sequence key, an identity key and a many-to-one; then a second factory that validates the schema
 * against the catalog; CRUD; JPQL with a join and aggregates.
 *
 * <pre>mvn -pl compat test -Dtest=HibernateTest</pre>
 */
class HibernateTest {

    @Entity
    @Table(name = "hb_team")
    public static class Team {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false, length = 80, unique = true)
        String title;
    }

    @Entity
    @Table(name = "hb_person")
    public static class Person {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE)
        Long id;
        @Column(nullable = false)
        String name;
        @Column(precision = 10, scale = 2)
        BigDecimal salary;
        @ManyToOne
        Team team;
    }

    static SessionFactory factory(Target t, String db, String mode) {
        return new Configuration().addAnnotatedClass(Person.class).addAnnotatedClass(Team.class)
                .setProperty("hibernate.connection.url", t.jdbcUrl(db))
                .setProperty("hibernate.connection.username", t.user())
                .setProperty("hibernate.connection.password", t.password())
                .setProperty("hibernate.hbm2ddl.auto", mode)
                .buildSessionFactory();
    }

    @Test
    void createsValidatesAndRunsCrudAndJpql() {
        JavaTool.assertLikePostgres("Hibernate ORM 6", "hibernate_full", (t, db) -> {
            List<Object> out = new ArrayList<>();
            try (SessionFactory sf = factory(t, db, "create")) {
                sf.inTransaction(s -> {
                    Team red = new Team();
                    red.title = "red";
                    s.persist(red);
                    for (String n : List.of("Ann", "Bob", "Cid")) {
                        Person p = new Person();
                        p.name = n;
                        p.salary = new BigDecimal("1000.50");
                        p.team = red;
                        s.persist(p);
                    }
                });
                sf.inTransaction(s -> {
                    Person bob = s.createSelectionQuery("from HibernateTest$Person where name = :n", Person.class)
                            .setParameter("n", "Bob").getSingleResult();
                    bob.salary = new BigDecimal("2000.25");
                    Person cid = s.createSelectionQuery("from HibernateTest$Person where name = 'Cid'", Person.class).getSingleResult();
                    s.remove(cid);
                });
                out.add(sf.fromTransaction(s -> s.createSelectionQuery(
                        "select t.title, count(p), sum(p.salary) from HibernateTest$Person p join p.team t group by t.title",
                        Object[].class).getResultList().stream().map(List::of).toList()));
                out.add(sf.fromTransaction(s -> s.createSelectionQuery(
                        "select p.name from HibernateTest$Person p where p.salary > 1500 order by p.name", String.class).getResultList()));
            }
            try (SessionFactory validated = factory(t, db, "validate")) {
                out.add(validated.fromTransaction(s -> s.createSelectionQuery(
                        "select count(p) from HibernateTest$Person p", Long.class).getSingleResult()));
            }
            return out.toString();
        });
    }
}
