package dev.pgwire.serve.functions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small cache for parsed templates and compiled patterns: a function is called once per row with,
 * usually, the same template, as PostgreSQL's own format-picture and regex caches assume. DuckDB
 * calls the functions from several threads at once, so lookups take no lock; when the cache is full
 * it starts over.
 */
final class TemplateCache<K, V> {
    private final int capacity;
    private final Map<K, V> map = new ConcurrentHashMap<>();

    TemplateCache(int capacity) {
        this.capacity = capacity;
    }

    /** The cached value, computing it when absent (a failing computation caches nothing). */
    V get(K key, Function<K, V> compute) {
        V v = map.get(key);
        if (v != null) return v;
        v = compute.apply(key);
        if (map.size() >= capacity) map.clear();
        map.put(key, v);
        return v;
    }
}
