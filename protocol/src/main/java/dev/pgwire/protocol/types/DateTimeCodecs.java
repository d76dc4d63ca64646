package dev.pgwire.protocol.types;

import io.netty.buffer.ByteBuf;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * date, time, timetz, timestamp and timestamptz. Binary forms count from 2000-01-01: dates in
 * int32 days, timestamps in int64 microseconds, with the extreme values meaning ±infinity; these
 * map to LocalDate/LocalDateTime/OffsetDateTime MIN and MAX. {@code 24:00:00}, which time allows
 * and LocalTime cannot hold, maps to {@link LocalTime#MAX}.
 */
final class DateTimeCodecs {
    private DateTimeCodecs() {}

    static final long MICROS_PER_DAY = DateTimeText.MICROS_PER_DAY;
    /** 2000-01-01 as an epoch day (POSTGRES_EPOCH_JDATE - UNIX_EPOCH_JDATE). */
    static final long PG_EPOCH_DAY = 10_957;
    static final long PG_EPOCH_SECOND = PG_EPOCH_DAY * 86_400;

    /** The first and last dates PostgreSQL has: 4714-11-24 BC (Julian day 0) and 5874897-12-31. */
    static final LocalDate MIN_DATE = LocalDate.of(-4713, 11, 24);
    static final LocalDate MAX_DATE = LocalDate.of(5_874_897, 12, 31);
    /** MIN_TIMESTAMP and END_TIMESTAMP (exclusive): 4714-11-24 BC to 294277-01-01 00:00. */
    static final long MIN_TIMESTAMP = -211_813_488_000_000_000L;
    static final long END_TIMESTAMP = 9_223_371_331_200_000_000L;

    // ---- conversions -----------------------------------------------------------------------

    /** Microseconds of the day, nanoseconds rounded half up; LocalTime.MAX is 24:00:00. */
    static long timeMicros(LocalTime t) {
        if (t.equals(LocalTime.MAX)) return MICROS_PER_DAY;
        return (t.toNanoOfDay() + 500) / 1000;
    }

    static LocalTime time(long micros) {
        if (micros == MICROS_PER_DAY) return LocalTime.MAX;
        return LocalTime.ofNanoOfDay(micros * 1000);
    }

    static long timestampMicros(LocalDateTime t) {
        try {
            long days = Math.subtractExact(t.toLocalDate().toEpochDay(), PG_EPOCH_DAY);
            return Math.addExact(Math.multiplyExact(days, MICROS_PER_DAY), (t.toLocalTime().toNanoOfDay() + 500) / 1000);
        } catch (ArithmeticException e) {
            throw Errors.datetimeOverflow("timestamp out of range");
        }
    }

    static LocalDateTime timestamp(long micros) {
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        long rest = Math.floorMod(micros, MICROS_PER_DAY);
        return LocalDateTime.of(LocalDate.ofEpochDay(days + PG_EPOCH_DAY), LocalTime.ofNanoOfDay(rest * 1000));
    }

    static long instantMicros(Instant i) {
        try {
            long secs = Math.subtractExact(i.getEpochSecond(), PG_EPOCH_SECOND);
            return Math.addExact(Math.multiplyExact(secs, 1_000_000L), (i.getNano() + 500) / 1000);
        } catch (ArithmeticException e) {
            throw Errors.datetimeOverflow("timestamp out of range");
        }
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECOND,
                Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private static void checkTimestamp(long micros, String text) {
        if (micros < MIN_TIMESTAMP || micros >= END_TIMESTAMP) {
            throw Errors.datetimeOverflow(text == null ? "timestamp out of range" : "timestamp out of range: \"" + text + "\"");
        }
    }

    private static void checkDate(LocalDate d, String text) {
        if (d.isBefore(MIN_DATE) || d.isAfter(MAX_DATE)) {
            throw Errors.datetimeOverflow(text == null ? "date out of range" : "date out of range: \"" + text + "\"");
        }
    }

    private static void checkOffset(int seconds, String text) {
        if (Math.abs(seconds) > DateTimeText.MAX_OFFSET_SECONDS) {
            throw DateTimeText.zoneOverflow(text);
        }
    }

    // ---- date ------------------------------------------------------------------------------

    static final PgCodec<LocalDate> DATE = new BaseCodec<>(PgType.DATE, LocalDate.class) {
        @Override
        public String encodeText(LocalDate value, CodecContext ctx) {
            if (value.equals(LocalDate.MAX)) return "infinity";
            if (value.equals(LocalDate.MIN)) return "-infinity";
            StringBuilder sb = new StringBuilder(13);
            DateTimeText.appendDate(sb, value);
            if (DateTimeText.isBc(value)) sb.append(" BC");
            return sb.toString();
        }

        @Override
        public LocalDate decodeText(String text, CodecContext ctx) {
            DateTimeText.Parsed p = DateTimeText.parse(text, "date", ctx);
            if (p.special != null) {
                LocalDate today = LocalDate.now(ctx.timeZone());
                return switch (p.special) {
                    case "infinity" -> LocalDate.MAX;
                    case "-infinity" -> LocalDate.MIN;
                    case "epoch" -> LocalDate.EPOCH;
                    case "now", "today" -> today;
                    case "tomorrow" -> today.plusDays(1);
                    case "yesterday" -> today.minusDays(1);
                    default -> throw DateTimeText.syntax("date", text);
                };
            }
            if (!p.hasDate) throw DateTimeText.syntax("date", text);
            p.checkJulian(text);
            LocalDate d = p.date("date", text);
            checkDate(d, text);
            return d;
        }

        @Override
        public void encodeBinary(LocalDate value, ByteBuf out, CodecContext ctx) {
            if (value.equals(LocalDate.MAX)) {
                out.writeInt(Integer.MAX_VALUE);
            } else if (value.equals(LocalDate.MIN)) {
                out.writeInt(Integer.MIN_VALUE);
            } else {
                checkDate(value, null);
                out.writeInt((int) (value.toEpochDay() - PG_EPOCH_DAY));
            }
        }

        @Override
        public LocalDate decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("date", length, 4);
            int days = in.readInt();
            if (days == Integer.MAX_VALUE) return LocalDate.MAX;
            if (days == Integer.MIN_VALUE) return LocalDate.MIN;
            LocalDate d = LocalDate.ofEpochDay(days + PG_EPOCH_DAY);
            checkDate(d, null);
            return d;
        }
    };

    // ---- time, timetz ----------------------------------------------------------------------

    static final PgCodec<LocalTime> TIME = new BaseCodec<>(PgType.TIME, LocalTime.class) {
        @Override
        public String encodeText(LocalTime value, CodecContext ctx) {
            StringBuilder sb = new StringBuilder(15);
            DateTimeText.appendTime(sb, timeMicros(value));
            return sb.toString();
        }

        @Override
        public LocalTime decodeText(String text, CodecContext ctx) {
            return time(parseTime(text, "time without time zone", ctx).timeMicros);
        }

        @Override
        public void encodeBinary(LocalTime value, ByteBuf out, CodecContext ctx) {
            out.writeLong(timeMicros(value));
        }

        @Override
        public LocalTime decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("time", length, 8);
            return time(checkTime(in.readLong()));
        }
    };

    private static long checkTime(long micros) {
        if (micros < 0 || micros > MICROS_PER_DAY) throw Errors.datetimeOverflow("time out of range");
        return micros;
    }

    /** Parses a time-only value; "now" and "allballs" fill in the time and, for now, the offset. */
    private static DateTimeText.Parsed parseTime(String text, String typeName, CodecContext ctx) {
        DateTimeText.Parsed p = DateTimeText.parse(text, typeName, ctx);
        if (p.special != null) {
            if (p.special.equals("allballs")) {
                p.timeMicros = 0;
                p.offsetSeconds = 0;
            } else if (p.special.equals("now")) {
                ZonedDateTime now = ZonedDateTime.now(ctx.timeZone());
                p.timeMicros = timeMicros(now.toLocalTime());
                p.offsetSeconds = now.getOffset().getTotalSeconds();
            } else {
                throw DateTimeText.syntax(typeName, text);
            }
        }
        if (p.timeMicros < 0) throw DateTimeText.syntax(typeName, text);
        return p;
    }

    static final PgCodec<OffsetTime> TIMETZ = new BaseCodec<>(PgType.TIMETZ, OffsetTime.class) {
        @Override
        public String encodeText(OffsetTime value, CodecContext ctx) {
            StringBuilder sb = new StringBuilder(21);
            DateTimeText.appendTime(sb, timeMicros(value.toLocalTime()));
            DateTimeText.appendOffset(sb, value.getOffset().getTotalSeconds());
            return sb.toString();
        }

        @Override
        public OffsetTime decodeText(String text, CodecContext ctx) {
            DateTimeText.Parsed p = parseTime(text, "time with time zone", ctx);
            int offset;
            if (p.offsetSeconds != null) {
                offset = p.offsetSeconds;
            } else {
                // a zone name or none: the zone's offset on the given date, or today
                ZoneId zone = p.zone != null ? p.zone : ctx.timeZone();
                LocalDate day = p.hasDate ? p.date("time with time zone", text) : LocalDate.now(zone);
                offset = localOffset(LocalDateTime.of(day, time(Math.min(p.timeMicros, MICROS_PER_DAY - 1))), zone)
                        .getTotalSeconds();
            }
            checkOffset(offset, text);
            return OffsetTime.of(time(p.timeMicros), ZoneOffset.ofTotalSeconds(offset));
        }

        @Override
        public void encodeBinary(OffsetTime value, ByteBuf out, CodecContext ctx) {
            int offset = value.getOffset().getTotalSeconds();
            checkOffset(offset, value.toString());
            out.writeLong(timeMicros(value.toLocalTime()));
            out.writeInt(-offset);  // PostgreSQL counts seconds west of Greenwich
        }

        @Override
        public OffsetTime decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("time with time zone", length, 12);
            long micros = checkTime(in.readLong());
            int west = in.readInt();
            if (west <= -DateTimeText.MAX_OFFSET_SECONDS - 1 || west >= DateTimeText.MAX_OFFSET_SECONDS + 1) {
                throw new dev.pgwire.protocol.PgException("22009", "time zone displacement out of range");
            }
            return OffsetTime.of(time(micros), ZoneOffset.ofTotalSeconds(-west));
        }
    };

    // ---- timestamp, timestamptz ------------------------------------------------------------

    static final PgCodec<LocalDateTime> TIMESTAMP = new BaseCodec<>(PgType.TIMESTAMP, LocalDateTime.class) {
        @Override
        public String encodeText(LocalDateTime value, CodecContext ctx) {
            if (value.equals(LocalDateTime.MAX)) return "infinity";
            if (value.equals(LocalDateTime.MIN)) return "-infinity";
            long micros = timestampMicros(value);
            checkTimestamp(micros, null);
            LocalDateTime t = timestamp(micros);
            StringBuilder sb = new StringBuilder(32);
            DateTimeText.appendDate(sb, t.toLocalDate());
            sb.append(' ');
            DateTimeText.appendTime(sb, t.toLocalTime().toNanoOfDay() / 1000);
            if (DateTimeText.isBc(t.toLocalDate())) sb.append(" BC");
            return sb.toString();
        }

        @Override
        public LocalDateTime decodeText(String text, CodecContext ctx) {
            DateTimeText.Parsed p = DateTimeText.parse(text, "timestamp", ctx);
            if (p.special != null) {
                LocalDateTime today = LocalDate.now(ctx.timeZone()).atStartOfDay();
                return switch (p.special) {
                    case "infinity" -> LocalDateTime.MAX;
                    case "-infinity" -> LocalDateTime.MIN;
                    case "epoch" -> LocalDateTime.of(1970, 1, 1, 0, 0);
                    case "now" -> timestamp(timestampMicros(LocalDateTime.now(ctx.timeZone())));
                    case "today" -> today;
                    case "tomorrow" -> today.plusDays(1);
                    case "yesterday" -> today.minusDays(1);
                    default -> throw DateTimeText.syntax("timestamp", text);
                };
            }
            if (!p.hasDate) throw DateTimeText.syntax("timestamp", text);
            p.checkJulian(text);
            LocalDate d = p.date("timestamp", text);
            long micros;
            try {
                micros = Math.addExact(Math.multiplyExact(d.toEpochDay() - PG_EPOCH_DAY, MICROS_PER_DAY),
                        Math.max(p.timeMicros, 0));
            } catch (ArithmeticException e) {
                throw Errors.datetimeOverflow("timestamp out of range: \"" + text + "\"");
            }
            checkTimestamp(micros, text);
            return timestamp(micros);
        }

        @Override
        public void encodeBinary(LocalDateTime value, ByteBuf out, CodecContext ctx) {
            if (value.equals(LocalDateTime.MAX)) {
                out.writeLong(Long.MAX_VALUE);
            } else if (value.equals(LocalDateTime.MIN)) {
                out.writeLong(Long.MIN_VALUE);
            } else {
                long micros = timestampMicros(value);
                checkTimestamp(micros, null);
                out.writeLong(micros);
            }
        }

        @Override
        public LocalDateTime decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("timestamp", length, 8);
            long micros = in.readLong();
            if (micros == Long.MAX_VALUE) return LocalDateTime.MAX;
            if (micros == Long.MIN_VALUE) return LocalDateTime.MIN;
            checkTimestamp(micros, null);
            return timestamp(micros);
        }
    };

    static final PgCodec<OffsetDateTime> TIMESTAMPTZ = new BaseCodec<>(PgType.TIMESTAMPTZ, OffsetDateTime.class) {
        @Override
        public String encodeText(OffsetDateTime value, CodecContext ctx) {
            if (value.toLocalDateTime().equals(LocalDateTime.MAX)) return "infinity";
            if (value.toLocalDateTime().equals(LocalDateTime.MIN)) return "-infinity";
            long micros = instantMicros(value.toInstant());
            checkTimestamp(micros, null);
            ZonedDateTime z = instant(micros).atZone(ctx.timeZone());
            StringBuilder sb = new StringBuilder(40);
            DateTimeText.appendDate(sb, z.toLocalDate());
            sb.append(' ');
            DateTimeText.appendTime(sb, z.toLocalTime().toNanoOfDay() / 1000);
            DateTimeText.appendOffset(sb, z.getOffset().getTotalSeconds());
            if (DateTimeText.isBc(z.toLocalDate())) sb.append(" BC");
            return sb.toString();
        }

        @Override
        public OffsetDateTime decodeText(String text, CodecContext ctx) {
            String typeName = "timestamp with time zone";
            DateTimeText.Parsed p = DateTimeText.parse(text, typeName, ctx);
            ZoneId zone = ctx.timeZone();
            if (p.special != null) {
                LocalDateTime today = LocalDate.now(zone).atStartOfDay();
                LocalDateTime local = switch (p.special) {
                    case "infinity" -> null;
                    case "-infinity" -> null;
                    case "epoch" -> LocalDateTime.of(1970, 1, 1, 0, 0);
                    case "now" -> LocalDateTime.now(zone);
                    case "today" -> today;
                    case "tomorrow" -> today.plusDays(1);
                    case "yesterday" -> today.minusDays(1);
                    default -> throw DateTimeText.syntax(typeName, text);
                };
                if (local == null) return p.special.equals("infinity") ? OffsetDateTime.MAX : OffsetDateTime.MIN;
                if (p.special.equals("epoch")) return atZone(instant(instantMicros(Instant.EPOCH)), zone);
                return atZone(instant(instantMicros(ZonedDateTime.ofLocal(local, zone, null).toInstant())), zone);
            }
            if (!p.hasDate) throw DateTimeText.syntax(typeName, text);
            p.checkJulian(text);
            LocalDate d = p.date(typeName, text);
            long dayMicros = Math.max(p.timeMicros, 0);
            LocalDateTime local = d.atStartOfDay().plusNanos(dayMicros * 1000);
            ZoneOffset offset;
            if (p.offsetSeconds != null) {
                checkOffset(p.offsetSeconds, text);
                offset = ZoneOffset.ofTotalSeconds(p.offsetSeconds);
            } else {
                offset = localOffset(local, p.zone != null ? p.zone : zone);
            }
            long micros;
            try {
                micros = instantMicros(local.toInstant(offset));
            } catch (RuntimeException e) {
                throw Errors.datetimeOverflow("timestamp out of range: \"" + text + "\"");
            }
            checkTimestamp(micros, text);
            return atZone(instant(micros), zone);
        }

        @Override
        public void encodeBinary(OffsetDateTime value, ByteBuf out, CodecContext ctx) {
            if (value.toLocalDateTime().equals(LocalDateTime.MAX)) {
                out.writeLong(Long.MAX_VALUE);
            } else if (value.toLocalDateTime().equals(LocalDateTime.MIN)) {
                out.writeLong(Long.MIN_VALUE);
            } else {
                long micros = instantMicros(value.toInstant());
                checkTimestamp(micros, null);
                out.writeLong(micros);
            }
        }

        /** Binary values carry no offset; they are shown in the session TimeZone. */
        @Override
        public OffsetDateTime decodeBinary(ByteBuf in, int length, CodecContext ctx) {
            Errors.checkLength("timestamp with time zone", length, 8);
            long micros = in.readLong();
            if (micros == Long.MAX_VALUE) return OffsetDateTime.MAX;
            if (micros == Long.MIN_VALUE) return OffsetDateTime.MIN;
            checkTimestamp(micros, null);
            return atZone(instant(micros), ctx.timeZone());
        }
    };

    private static OffsetDateTime atZone(Instant i, ZoneId zone) {
        return i.atZone(zone).toOffsetDateTime();
    }

    /**
     * The offset PostgreSQL gives a local time in a zone: in a DST gap the offset before the change
     * (so the time lands after the gap), when ambiguous the later (standard time) one.
     */
    static ZoneOffset localOffset(LocalDateTime local, ZoneId zone) {
        var rules = zone.getRules();
        var valid = rules.getValidOffsets(local);
        if (valid.isEmpty()) return rules.getTransition(local).getOffsetBefore();
        return valid.get(valid.size() - 1);
    }
}
