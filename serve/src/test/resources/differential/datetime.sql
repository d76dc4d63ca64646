-- Date and time arithmetic and functions as applications and reports use them.

-- name: setup_events
CREATE TABLE events (id int PRIMARY KEY, happened timestamptz NOT NULL, local_at timestamp, day date, took interval)

-- name: setup_events_rows
INSERT INTO events VALUES
  (1, '2024-03-10 01:30:00+00', '2024-03-10 01:30:00', '2024-03-10', '1 hour 30 minutes'),
  (2, '2024-03-10 12:15:30.25+00', '2024-03-10 12:15:30.25', '2024-03-10', '45 seconds'),
  (3, '2024-02-29 23:59:59+00', '2024-02-29 23:59:59', '2024-02-29', '2 days 3 hours'),
  (4, '2023-12-31 22:00:00+00', '2023-12-31 22:00:00', '2023-12-31', '1 mon 2 days'),
  (5, '2024-11-03 06:30:00+00', '2024-11-03 06:30:00', '2024-11-03', '-1 day')

-- name: date_trunc_units
SELECT date_trunc('year', local_at), date_trunc('quarter', local_at), date_trunc('month', local_at), date_trunc('week', local_at), date_trunc('day', local_at), date_trunc('hour', local_at) FROM events ORDER BY id

-- name: date_trunc_timestamptz_session_zone
SELECT id, date_trunc('day', happened) FROM events ORDER BY id

-- name: date_trunc_with_time_zone_argument
SELECT id, date_trunc('day', happened, 'America/New_York') FROM events ORDER BY id

-- name: date_trunc_minute_second
SELECT date_trunc('minute', timestamp '2024-03-10 12:15:30.25'), date_trunc('second', timestamp '2024-03-10 12:15:30.25'), date_trunc('milliseconds', timestamp '2024-03-10 12:15:30.2567')

-- name: date_trunc_interval
SELECT date_trunc('hour', interval '2 days 3 hours 40 minutes'), date_trunc('day', interval '1 mon 2 days 5 hours')

-- name: at_time_zone_timestamptz
SELECT id, happened AT TIME ZONE 'Europe/Berlin', happened AT TIME ZONE 'America/Los_Angeles' FROM events ORDER BY id

-- name: at_time_zone_timestamp
SELECT id, local_at AT TIME ZONE 'Asia/Tokyo' FROM events ORDER BY id

-- name: at_time_zone_offset_names
SELECT timestamptz '2024-06-01 12:00:00+00' AT TIME ZONE 'UTC', timestamptz '2024-06-01 12:00:00+00' AT TIME ZONE '+05:30'

-- name: timezone_function
SELECT timezone('Asia/Kolkata', timestamptz '2024-06-01 12:00:00+00')

-- name: age_two_arguments
SELECT age(timestamp '2024-03-10 12:00', timestamp '2023-01-15 08:30'), age(date '2024-02-29', date '2020-02-29'), age(timestamp '2024-01-01', timestamp '2024-03-15')

-- name: age_of_dates_in_table
SELECT id, age(day, date '2020-01-01') FROM events ORDER BY id

-- name: interval_arithmetic
SELECT interval '1 day' + interval '3 hours', interval '1 hour' * 2.5, interval '1 day' / 3, interval '1 mon' - interval '1 day', -interval '2 hours'

-- name: interval_output_forms
SELECT interval '1 year 2 months 3 days 04:05:06.789', interval '-1 day +2 hours', interval '36 hours', interval '0', interval '1.5 days', interval '100 minutes'

-- name: interval_justify
SELECT justify_hours(interval '36 hours'), justify_days(interval '45 days'), justify_interval(interval '1 mon -1 hour')

-- name: timestamp_plus_interval
SELECT id, local_at + took, local_at - took FROM events ORDER BY id

-- name: timestamptz_plus_month_end
SELECT timestamptz '2024-01-31 10:00+00' + interval '1 month', date '2024-01-31' + interval '1 month', date '2024-03-31' - interval '1 month'

-- name: timestamp_difference
SELECT timestamp '2024-03-10 12:00' - timestamp '2024-03-08 09:30', timestamptz '2024-03-10 00:00+00' - timestamptz '2024-01-01 00:00+00'

-- name: date_difference_integer
SELECT date '2024-03-10' - date '2024-01-01', date '2024-03-10' + 7, date '2024-03-10' - 7

-- name: date_plus_time
SELECT date '2024-03-10' + time '10:30', date '2024-03-10' + interval '90 minutes'

-- name: extract_fields
SELECT extract(year FROM local_at), extract(month FROM local_at), extract(dow FROM local_at), extract(isodow FROM local_at), extract(doy FROM local_at), extract(week FROM local_at), extract(quarter FROM local_at) FROM events ORDER BY id

-- name: extract_epoch_values
SELECT extract(epoch FROM timestamptz '2024-03-10 12:00:00+00'), extract(epoch FROM interval '1 day 2 hours'), extract(epoch FROM timestamp '2024-03-10 12:00:00.5')

-- name: date_part_function
SELECT date_part('hour', local_at), date_part('minute', local_at), date_part('second', local_at) FROM events ORDER BY id

-- name: extract_from_interval
SELECT extract(hour FROM took), extract(day FROM took), extract(minute FROM took) FROM events ORDER BY id

-- name: to_char_dates
SELECT to_char(local_at, 'YYYY-MM-DD HH24:MI:SS'), to_char(local_at, 'DD Mon YYYY'), to_char(local_at, 'FMMonth DD, YYYY'), to_char(local_at, 'Dy HH12:MI AM') FROM events ORDER BY id

-- name: to_char_date_parts
SELECT to_char(day, 'YYYY"Q"Q'), to_char(day, 'IYYY-IW'), to_char(day, 'DDD'), to_char(day, 'day'), to_char(day, 'MON') FROM events ORDER BY id

-- name: to_char_timestamptz_zone
SELECT to_char(happened, 'YYYY-MM-DD HH24:MI:SS TZ'), to_char(happened, 'HH24:MI:SS.MS') FROM events ORDER BY id

-- name: to_char_numbers
SELECT to_char(1234.5, '9999.99'), to_char(1234.5, 'FM9,999.00'), to_char(-42, '999'), to_char(0.5, '0.00'), to_char(12, '000'), to_char(1234567.891, 'FM999,999,999.99')

-- name: to_char_interval
SELECT to_char(interval '15 hours 4 minutes 3 seconds', 'HH24:MI:SS')

-- name: to_date_and_to_timestamp
SELECT to_date('2024-03-10', 'YYYY-MM-DD'), to_date('10 Mar 2024', 'DD Mon YYYY'), to_timestamp('2024-03-10 14:05:06', 'YYYY-MM-DD HH24:MI:SS')

-- name: to_timestamp_epoch
SELECT to_timestamp(1710072000), to_timestamp(1710072000.5)

-- name: generate_series_timestamps
SELECT g FROM generate_series(timestamp '2024-03-01', timestamp '2024-03-02', interval '6 hours') AS g ORDER BY g

-- name: generate_series_timestamptz_days
SELECT g FROM generate_series(timestamptz '2024-02-27 00:00+00', timestamptz '2024-03-02 00:00+00', interval '1 day') AS g ORDER BY g

-- name: generate_series_dates_as_dates
SELECT g::date FROM generate_series(date '2024-01-29', date '2024-02-02', interval '1 day') AS g ORDER BY 1

-- name: generate_series_months
SELECT g FROM generate_series(timestamp '2024-01-31', timestamp '2024-06-30', interval '1 month') AS g ORDER BY g

-- name: calendar_left_join
SELECT d::date AS day, count(e.id) FROM generate_series(timestamp '2024-03-08', timestamp '2024-03-11', interval '1 day') AS d LEFT JOIN events e ON e.day = d::date GROUP BY d ORDER BY d

-- name: make_date_time
SELECT make_date(2024, 2, 29), make_time(13, 45, 30.5), make_timestamp(2024, 3, 10, 8, 0, 0), make_interval(days => 3, hours => 4)

-- name: date_bin_function
SELECT date_bin(interval '15 minutes', timestamp '2024-03-10 12:38:00', timestamp '2024-01-01')

-- name: overlaps_periods
SELECT (date '2024-01-01', date '2024-02-01') OVERLAPS (date '2024-01-15', date '2024-03-01'), (date '2024-01-01', interval '1 day') OVERLAPS (date '2024-01-03', interval '1 day')

-- name: timestamp_comparisons_and_between
SELECT id FROM events WHERE happened BETWEEN '2024-03-01' AND '2024-03-31' ORDER BY id

-- name: group_by_month
SELECT date_trunc('month', day) AS month, count(*), sum(took) FROM events GROUP BY 1 ORDER BY 1

-- name: isfinite_and_infinity
SELECT isfinite(date '2024-01-01'), isfinite(timestamp 'infinity'), date 'infinity' > date '2024-01-01', timestamp '-infinity' < timestamp '1900-01-01'

-- name: date_input_invalid
-- expect-error: 22008
SELECT date '2024-02-30'

-- name: date_input_garbage
-- expect-error: 22007
SELECT 'not a date'::date

-- name: timestamp_input_out_of_range_hour
-- expect-error: 22008
SELECT timestamp '2024-01-01 25:00:00'

-- name: interval_input_invalid
-- expect-error: 22007
SELECT 'three days'::interval

-- name: unknown_time_zone
-- expect-error: 22023
SELECT timestamptz '2024-01-01 00:00+00' AT TIME ZONE 'Mars/Olympus'

-- name: date_trunc_unknown_unit
-- expect-error: 22023
SELECT date_trunc('fortnight', timestamp '2024-01-01')

-- name: date_trunc_zone_across_dst
SELECT date_trunc('day', timestamptz '2024-03-10 12:00+00', 'America/New_York'), date_trunc('month', timestamptz '2024-11-03 12:00+00', 'Europe/Paris')

-- name: timestamptz_zone_input_across_dst
SELECT timestamptz '2024-03-10 01:59:59 America/New_York' + interval '1 minute', timestamptz '2024-03-09 12:00 America/New_York' + interval '1 day'

-- name: age_of_timestamptz
SELECT age(timestamptz '2024-03-10 00:00+00', timestamptz '2023-02-28 12:00+00')

-- name: interval_times_fraction
SELECT interval '1 mon' * 1.5, interval '1 day' * 0.3, interval '7 days' / 7, interval '1 hour' / 0.5

-- name: interval_justify_negative
SELECT justify_interval(interval '-1 mon 40 days'), interval '25 hours' - interval '1 day'

-- name: to_char_more_patterns
SELECT to_char(timestamp '2024-03-10 00:05:00', 'HH12:MI PM'), to_char(date '2024-01-01', 'WW W D ID J'), to_char(123.456, '999D99S'), to_char(-0.5, 'FM990.00')

-- name: extract_century_decade_julian
SELECT extract(century FROM date '2024-01-01'), extract(millennium FROM date '2001-01-01'), extract(decade FROM date '2024-05-05'), extract(julian FROM date '2024-01-01')

-- name: leap_year_arithmetic
SELECT date '2024-02-29' + interval '1 year', (date '2024-01-31' + interval '1 month')::date, date_part('epoch', interval '1 month')

-- name: set_time_zone_then_display
SET TimeZone = 'America/New_York'

-- name: timestamptz_in_new_york
SELECT id, happened, happened::date, date_trunc('day', happened) FROM events ORDER BY id

-- name: reset_time_zone
SET TimeZone = 'UTC'


-- name: interval_cast_to_text
SELECT (interval '1 year 2 months')::text, interval '-1 year -2 mons 3 days -04:05:06.5'::text, interval '1 mon'::text,
    interval '0'::text, CAST(interval '2 days 03:00' AS varchar)

-- name: age_cast_to_text
SELECT age(date '2024-06-01', date '1990-07-01')::text

-- name: extract_epoch_of_interval
SELECT extract(epoch from interval '1 year'), extract(epoch from interval '3 years'),
    extract(epoch from interval '-1 year -1 mon -1 day 01:00:00.5'), extract(epoch from interval '13 mons'),
    extract(epoch from interval '5 days 00:00:01.25')

-- name: extract_epoch_of_age
SELECT extract(epoch from age(timestamp '2024-06-01', timestamp '2020-01-01'))

-- name: date_plus_series
SELECT '2024-01-01'::date + g AS day, '2024-01-10'::date - g AS back FROM generate_series(0, 2) g ORDER BY 1

-- name: date_bin_untyped_origin
SELECT date_bin('15 minutes', timestamptz '2024-01-01 01:47+00', '2000-01-01'),
    date_bin('15 minutes', timestamp '2024-01-01 01:47', '2000-01-01 00:05')

-- name: interval_joined_to_text
SELECT 'dur: ' || interval '2 mons', interval '1 day' || 'x', concat('x', interval '1 mon 2 days'), concat_ws(',', interval '1 year', 'a'),
    format('%s', interval '3 months'), interval '1 year 2 mons'::varchar(8)

-- name: interval_text_aggregated
SELECT string_agg(i::text, ',' ORDER BY i) FROM (VALUES (interval '1 mon'), (interval '2 years')) v(i)

-- name: timestamptz_difference_zone
SET TimeZone = 'America/New_York'

-- name: timestamptz_difference_across_dst
SELECT '2024-03-10 12:00'::timestamptz - '2024-03-09 12:00'::timestamptz, '2024-03-09 12:00'::timestamptz - '2024-03-10 12:00'::timestamptz,
    '2024-11-03 12:00'::timestamptz - '2024-11-02 12:00'::timestamptz

-- name: timestamptz_difference_long
SELECT '2024-01-01 00:00'::timestamptz - '2020-01-01 00:00:00.5'::timestamptz,
    '1900-01-01 00:00'::timestamptz - '2020-06-01 13:14:15.123456'::timestamptz

-- name: timestamptz_difference_zone_reset
SET TimeZone = 'UTC'

-- name: current_date_under_its_own_name
SELECT current_date = now()::date AS same_day, current_timestamp = now() AS same_instant, current_date AS "current_date"

-- name: date_trunc_century_millennium
SELECT date_trunc('century', timestamp '2024-01-01'), date_trunc('century', timestamp '1999-06-01'),
       date_trunc('millennium', timestamp '2024-05-05 10:00'), date_trunc('century', date '2000-12-31'),
       date_trunc('century', timestamptz '2024-01-01 10:00+00'), date_trunc('millennium', timestamp '0044-03-15 BC')

-- name: extract_centuries_of_intervals
SELECT extract(century FROM interval '250 years'), extract(millennium FROM interval '2500 years'),
       extract(decade FROM interval '-15 years'), extract(year FROM interval '-5 years'), extract(century FROM timestamp '2024-01-01')

-- name: text_column_to_timestamp_by_postgres_rules
SELECT s::timestamp, s::date, s::timestamptz
FROM (VALUES ('2024-01-15 10:00 PM'), ('2024-01-15 10:00:00 BC'), ('2024-01-15 10:00:00.1234567'), ('Jan 15 2024'), ('01/02/2024')) v(s)
ORDER BY 1

-- name: text_column_to_timestamp_refused
-- expect-error: 22007
SELECT s::timestamp FROM (VALUES ('garbage')) v(s)

-- name: precision_of_column_defaults
CREATE TABLE stamped (id int, c timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, d timestamp(0) DEFAULT now(), t time(1) DEFAULT '10:00:00.26');
INSERT INTO stamped (id) VALUES (1);
ALTER TABLE stamped ADD COLUMN e timestamptz(2) DEFAULT '2024-01-01 10:00:00.123456+00';
ALTER TABLE stamped ALTER COLUMN d SET DEFAULT '2024-01-01 10:00:00.7';
INSERT INTO stamped (id) VALUES (2);
SELECT id, length(c::text) <= 23, length(d::text), t, e, (SELECT d FROM stamped WHERE id = 2) FROM stamped ORDER BY id

-- name: precision_of_column_defaults_catalog
SELECT column_name, column_default FROM information_schema.columns WHERE table_name = 'stamped' ORDER BY ordinal_position

-- name: run_time_text_follows_the_settings_of_the_session_running_it
SET datestyle = 'ISO, DMY';
SET timezone = 'UTC';
CREATE TABLE dstyle (s text);
INSERT INTO dstyle VALUES ('05/03/2024 10:00');
CREATE VIEW dstyle_v AS SELECT s::timestamp AS t, s::date AS d, s::timestamptz AS tz FROM dstyle;
CREATE TABLE dstyle_d (id int, t timestamptz DEFAULT ('2024-01-01 00:00'::text)::timestamptz, d date DEFAULT ('01/02/2024'::text)::date);
SET datestyle = 'ISO, MDY';
SET timezone = 'Asia/Tokyo';
INSERT INTO dstyle_d (id) VALUES (1);
SELECT v.t, v.d, v.tz, x.t, x.d FROM dstyle_v v, dstyle_d x

-- name: run_time_text_settings_reset
RESET datestyle;
RESET timezone

-- name: time_zone_as_a_number_in_a_string
SET TIME ZONE '+03';
SELECT '2024-07-01 12:00+00'::timestamptz, current_setting('TimeZone')

-- name: time_zone_as_a_number_in_a_string_reset
RESET timezone

-- name: string_defaults_are_read_when_declared
SET timezone = 'UTC';
CREATE TABLE frozen_defaults (id int, ts timestamptz DEFAULT '2024-01-01 00:00', d date DEFAULT 'Jan 5 2024',
    tt time DEFAULT 'allballs', e timestamptz DEFAULT 'epoch', i timestamp DEFAULT 'infinity',
    today_d date DEFAULT 'today', now_t timestamp DEFAULT 'now');
ALTER TABLE frozen_defaults ADD COLUMN a timestamptz DEFAULT '2024-06-01 12:00';
ALTER TABLE frozen_defaults ADD COLUMN b timestamptz;
ALTER TABLE frozen_defaults ALTER COLUMN b SET DEFAULT '2024-03-01 08:00';
SET timezone = 'Asia/Tokyo';
INSERT INTO frozen_defaults (id) VALUES (1);
SELECT id, ts, d, tt, e, i, today_d = current_date, now_t <= localtimestamp, a, b FROM frozen_defaults

-- name: string_defaults_are_read_when_declared_catalog
SET timezone = 'UTC';
SELECT column_name, column_default FROM information_schema.columns
WHERE table_name = 'frozen_defaults' AND column_name IN ('ts', 'd', 'tt', 'i', 'a', 'b') ORDER BY ordinal_position

-- name: string_defaults_are_read_when_declared_reset
RESET timezone

-- name: date_trunc_of_a_time_is_an_interval
SELECT date_trunc('minute', '10:11:12.5'::time), pg_typeof(date_trunc('minute', '10:11:12'::time)), date_trunc('second', '23:59:59.9'::time)

-- name: intervals_in_json_in_postgresql_output
SELECT to_jsonb('-1 days 86398.5 seconds'::interval), to_json('-1 mons +2 days'::interval),
    json_build_object('a', '-1 year -2 mons +3 days -04:05:06'::interval), jsonb_build_object('d', interval '90 minutes')

-- name: string_defaults_with_a_cast_precision
CREATE TABLE frozen_precision (id int, a timestamp DEFAULT '2024-01-01 10:00:00.7'::timestamp(0), b time DEFAULT '10:00:00.55'::time(1),
    d timestamptz DEFAULT '2024-01-01 10:00:00.75+00'::timestamptz(1));
INSERT INTO frozen_precision (id) VALUES (1);
SELECT a, b, d FROM frozen_precision

-- name: string_default_of_a_domain_column_set_later
CREATE DOMAIN frozen_dtz AS timestamptz;
CREATE TABLE frozen_domain (id int, a frozen_dtz);
SET timezone = 'Asia/Tokyo';
ALTER TABLE frozen_domain ALTER COLUMN a SET DEFAULT '2024-01-01 09:00';
SET timezone = 'UTC';
INSERT INTO frozen_domain (id) VALUES (1);
SELECT a FROM frozen_domain

-- name: moment_words_read_from_text_while_running
SELECT 'today'::text::date = current_date, ('yesterday'::text)::date = current_date - 1, ('now'::text)::timestamptz <= now() + interval '1 minute'

-- name: moment_words_in_a_text_default
CREATE TABLE text_moment_defaults (id int, d date DEFAULT ('now'::text)::date, t timestamptz DEFAULT ('now'::text)::timestamp(6) with time zone);
INSERT INTO text_moment_defaults (id) VALUES (1);
SELECT id, d = current_date, t > now() - interval '1 hour' FROM text_moment_defaults

-- name: datestyle_ymd_two_digit_years
SET DateStyle = 'ISO, YMD'

-- name: datestyle_ymd_two_digit_years_expanded
SELECT '01/02/03'::date, '69-01-02'::date, '99/01/02'::date, '2001/02/03'::date, '0001-02-03'::date

-- name: datestyle_ymd_restored
SET DateStyle = 'ISO, MDY'

-- name: prepared_zone_first
SET TimeZone = 'America/New_York';

-- name: prepared_under_zone
PREPARE zoned(int) AS SELECT '2024-03-10 20:00+00'::timestamptz::text, extract(hour FROM '2024-03-10 20:00+00'::timestamptz), current_setting('TimeZone'), $1;

-- name: prepared_run_first_zone
EXECUTE zoned(1);

-- name: prepared_zone_second
SET TimeZone = 'Asia/Kolkata';

-- name: prepared_run_second_zone
EXECUTE zoned(2);

-- name: prepared_zone_done
DEALLOCATE zoned;

-- name: prepared_zone_back
SET TimeZone = 'UTC';

-- name: fixed_offset_hours
SET TIME ZONE 5.5;

-- name: fixed_offset_hours_values
SELECT '2024-07-01 12:00'::timestamptz, '2024-07-01 12:00'::timestamptz::text, '2024-07-01 12:00'::timestamp::timestamptz, extract(hour FROM '2024-07-01 12:00+00'::timestamptz);

-- name: fixed_offset_interval
SET TIME ZONE INTERVAL '+05:30' HOUR TO MINUTE;

-- name: fixed_offset_interval_values
SELECT '2024-07-01 12:00'::timestamptz, '2024-07-01 12:00'::timestamp::timestamptz;

-- name: fixed_offset_posix
SET TimeZone = 'UTC+3';

-- name: fixed_offset_posix_values
SELECT '2024-07-01 12:00'::timestamptz, '2024-07-01 12:00'::timestamp::timestamptz, date_trunc('day', '2024-07-01 01:00+00'::timestamptz);

-- name: fixed_offset_back
SET TimeZone = 'UTC';

-- name: clocks_going_back
SET TimeZone = 'America/New_York';

-- name: clocks_going_back_interval_days
SELECT '2024-11-02 01:30:00-04'::timestamptz + interval '1 day', '2024-11-04 01:30:00-05'::timestamptz - interval '1 day',
    interval '1 day' + '2024-11-02 01:30:00-04'::timestamptz, '2024-11-02 01:30:00-04'::timestamptz + interval '1 day 1 hour',
    '2024-10-03 01:30:00-04'::timestamptz + interval '1 month', '2024-11-03 00:30:00-04'::timestamptz + interval '1 hour',
    '2024-03-09 02:30:00-05'::timestamptz + interval '1 day', '2024-11-02 00:30:00-04'::timestamptz + interval '1 day'

-- name: clocks_going_back_date_trunc
SELECT date_trunc('hour', '2024-11-03 01:30:00-04'::timestamptz), date_trunc('hour', '2024-11-03 01:30:00-05'::timestamptz),
    date_trunc('minute', '2024-11-03 01:30:45-04'::timestamptz), date_trunc('second', '2024-11-03 01:30:45.5-04'::timestamptz),
    date_trunc('milliseconds', '2024-11-03 01:30:45.5678-04'::timestamptz), date_trunc('day', '2024-11-03 12:00:00-05'::timestamptz),
    date_trunc('hour', 'infinity'::timestamptz), date_trunc('hour', '2024-10-27 00:30+00'::timestamptz, 'Europe/Berlin'),
    date_trunc('minute', '2024-10-27 00:30:30+00'::timestamptz, 'Asia/Kolkata'), date_trunc('hour', '2024-10-27 00:30:30+00'::timestamptz, 'Asia/Kolkata')

-- name: clocks_going_back_hourly_buckets
SELECT date_trunc('hour', t) AS h, count(*) FROM generate_series('2024-11-03 04:00:00+00'::timestamptz, '2024-11-03 07:59:00+00', interval '20 minutes') t
GROUP BY 1 ORDER BY 1

-- name: clocks_going_back_kolkata_hours
SET TimeZone = 'Asia/Kolkata';
SELECT date_trunc('hour', '2024-07-01 12:45:00+00'::timestamptz), date_trunc('minute', '2024-07-01 12:45:30+00'::timestamptz)

-- name: clocks_going_back_done
SET TimeZone = 'UTC';

-- name: bc_dates_joined_to_text
SELECT '0044-03-15 BC'::date || '', concat('0044-03-15 BC'::date), format('%L', '0044-03-15 BC'::date),
    '0044-03-15 12:00 BC'::timestamp || '', '0044-03-15 BC'::date::varchar(5)

-- name: booleans_joined_to_text
SELECT 'a' || true, concat(true, false), format('%s %L', true, false), true::text, 'x' || null::bool

-- name: at_time_zone_abbreviations
SELECT '2024-07-01 12:00'::timestamp AT TIME ZONE 'CET', '2024-07-01 12:00+00'::timestamptz AT TIME ZONE 'PST',
    '2024-07-01 12:00+00'::timestamptz AT TIME ZONE 'cest', '2024-07-01 12:00+00'::timestamptz AT TIME ZONE 'IST',
    '2024-01-01 12:00+00'::timestamptz AT TIME ZONE 'EDT', timezone('BST', '2024-01-01 12:00+00'::timestamptz)

-- name: at_time_zone_abbreviations_read_through_zones
SELECT '2020-06-01 12:00+00'::timestamptz AT TIME ZONE 'ART', '2020-06-01 12:00+00'::timestamptz AT TIME ZONE 'arst',
    '2009-01-01 12:00+00'::timestamptz AT TIME ZONE 'ART', '2012-06-01 12:00+00'::timestamptz AT TIME ZONE 'MSK',
    '2020-06-01 12:00'::timestamp AT TIME ZONE 'SGT', '2016-06-01 12:00'::timestamp AT TIME ZONE 'VET'

-- name: date_trunc_in_abbreviated_zones
SELECT date_trunc('day', '2020-06-01 02:00+00'::timestamptz, 'ART'), date_trunc('day', '2020-06-01 02:00+00'::timestamptz, 'PST'),
    date_trunc('hour', '2020-06-01 02:30+00'::timestamptz, 'CEST'), date_trunc('day', '2020-07-01 02:00+00'::timestamptz, 'MSK')

-- name: bc_years_of_timestamptz
SELECT extract(year FROM '0044-03-15 12:00+00 BC'::timestamptz), extract(century FROM '0044-03-15 12:00+00 BC'::timestamptz),
    date_part('year', '0044-03-15 12:00+00 BC'::timestamptz), extract(millennium FROM '0044-03-15 12:00+00 BC'::timestamptz),
    extract(decade FROM '0044-03-15 12:00+00 BC'::timestamptz), date_trunc('century', '0044-03-15 12:00+00 BC'::timestamptz),
    extract(year FROM '0001-06-01 12:00+00 BC'::timestamptz), extract(year FROM '2024-06-01 12:00+00'::timestamptz)

-- name: dates_subtracted
SELECT '2024-03-01'::date - '2024-02-01'::date, pg_typeof('2024-03-01'::date - '2024-02-01'::date), '2024-03-01'::date - NULL::date

-- name: infinite_dates_subtracted
-- expect-error: 22008
SELECT 'infinity'::date - '2000-01-01'::date

-- name: clocks_going_back_time_intervals
SET TimeZone = 'America/New_York';
SELECT '2023-11-05 01:30-04'::timestamptz + interval '30 minutes', '2023-11-05 01:30-04'::timestamptz - interval '30 minutes',
    '2023-11-05 01:30-04'::timestamptz + interval '0 day', '2023-11-04 01:30-04'::timestamptz + interval '1 day',
    '2023-11-05 01:30-04'::timestamptz + make_interval(hours => 1)

-- name: clocks_going_back_time_intervals_done
SET TimeZone = 'UTC'

-- name: make_timestamptz_reads_the_zone_as_at_time_zone
SELECT make_timestamptz(2024, 7, 1, 12, 0, 0, 'UTC-3') AS posix, make_timestamptz(2024, 7, 1, 12, 0, 0, 'IST') AS israel,
       make_timestamptz(2024, 7, 1, 12, 0, 0, 'EDT') AS edt, make_timestamptz(2024, 7, 1, 12, 0, 0, '+05') AS plus5,
       make_timestamptz(2024, 7, 1, 12, 0, 0, 'America/New_York') AS ny, make_timestamptz(2024, 1, 1, 12, 30, 15.5, 'Europe/Paris') AS paris

-- name: interval_precision_stored
CREATE TABLE interval_places (a interval(0), b interval second(2), c interval, d interval hour to second(1));
INSERT INTO interval_places VALUES ('1.6 seconds', '1.555 seconds', '1.555 seconds', '-1 day -2.25 seconds'),
    ('-1.5 seconds', '3 days 4.005 seconds', '1 mon', '2 hours 0.95 seconds');
SELECT * FROM interval_places ORDER BY c

-- name: interval_precision_updated
UPDATE interval_places SET a = '10.5 seconds' WHERE b = '1.56 seconds';
SELECT a, b FROM interval_places ORDER BY b

-- name: interval_precision_cast
SELECT '1.6 seconds'::interval(0), interval '1 2:3:4.5678' day to second(2), '1 mon 2 days -0.5 seconds'::interval(0),
       '2.5 seconds'::interval(0)

-- name: extract_of_infinite_moments
CREATE TABLE inf_moments (t timestamp, tz timestamptz, d date);
INSERT INTO inf_moments VALUES ('infinity', '-infinity', 'infinity'), ('2024-05-06 07:08:09.5', '2024-05-06 07:08:09+02', '2024-05-06'),
    ('-infinity', 'infinity', '-infinity');
SELECT extract(year from t), extract(epoch from t), extract(century from tz), extract(epoch from d), extract(isoyear from d),
       extract(day from t), extract(month from d), date_part('year', t), date_part('epoch', tz), date_part('julian', d),
       date_part('day', t), date_part('decade', d), extract(millennium from t)::text
FROM inf_moments ORDER BY t

-- name: extract_of_an_infinite_moment_in_arithmetic
SELECT extract(year from 'infinity'::timestamp) + 1

-- name: extract_units_a_type_does_not_take
-- expect-error: 0A000
SELECT extract(hour FROM day) FROM events

-- name: extract_microseconds_of_date
-- expect-error: 0A000
SELECT extract(microseconds FROM date '2024-03-10')

-- name: extract_timezone_of_timestamp
-- expect-error: 0A000
SELECT extract(timezone FROM local_at) FROM events

-- name: date_part_timezone_of_time
-- expect-error: 0A000
SELECT date_part('timezone_hour', time '10:00')

-- name: extract_day_of_time
-- expect-error: 0A000
SELECT extract(day FROM time '10:00')

-- name: extract_week_of_interval
-- expect-error: 0A000
SELECT extract(week FROM took) FROM events

-- name: extract_unknown_unit
-- expect-error: 22023
SELECT date_part('fortnight', local_at) FROM events

-- name: date_part_hour_of_date_is_midnight
SELECT date_part('hour', day), date_part('epoch', day) FROM events ORDER BY id

-- name: date_part_unit_abbreviations
SELECT date_part('yrs', local_at), date_part('mons', local_at), date_part('d', local_at), date_part('hrs', local_at), date_part('mins', local_at), date_part('secs', local_at), date_part('msec', local_at), date_part('usecs', local_at), date_part('qtr', local_at), date_part('w', local_at), date_part('decs', local_at), date_part('cent', local_at), date_part('mil', local_at), date_part('jd', local_at), date_part('microseconds', local_at), date_part('timezone_h', happened), date_part('timezone_minutes', happened) FROM events ORDER BY id

-- name: extract_julian_of_timestamps
SELECT id, extract(julian FROM local_at), extract(julian FROM happened), extract(julian FROM local_at + interval '0.000001 seconds') FROM events ORDER BY id

-- name: extract_epoch_of_timetz
SELECT extract(epoch FROM timetz '10:00+02'), extract(epoch FROM timetz '23:59:59.5-11'), date_part('epoch', timetz '00:30+05:30'), extract(timezone FROM timetz '10:00-05:30'), extract(hour FROM timetz '10:00+02')

-- name: prepare_date_part_of_a_parameter_unit
PREPARE part_of(text) AS SELECT date_part($1, local_at), date_part($1, timestamp '2024-05-06 07:08:09.5') FROM events ORDER BY id

-- name: execute_date_part_quarter
EXECUTE part_of('quarter')

-- name: execute_date_part_second
EXECUTE part_of('second')

-- name: execute_date_part_epoch
EXECUTE part_of('epoch')

-- name: at_time_zone_of_zones_given_as_values
SELECT z, x AT TIME ZONE z, y AT TIME ZONE z, date_trunc('day', x, z), date_trunc('hour', x, z)
FROM (VALUES ('UTC+3'), ('Europe/Berlin'), ('+3'), ('-03:00'), ('PDT'), ('CEST'), ('MSK'), ('GMT-5:30'), (NULL)) v(z),
     (VALUES (timestamptz '2021-06-01 22:30+00', timestamp '2021-06-01 22:30')) w(x, y)
ORDER BY z

-- name: at_time_zone_of_an_unknown_zone_given_as_a_value
-- expect-error: 22023
SELECT timestamptz '2021-06-01 12:00+00' AT TIME ZONE z FROM (VALUES ('Nowhere/Zone')) v(z)

-- name: set_config_of_a_time_zone_in_hours_counts_east
SELECT set_config('TimeZone', '+3', false), timestamptz '2021-06-01 12:00+00';
SELECT current_setting('TimeZone');
SELECT set_config('TimeZone', '-03:00', false), timestamptz '2021-06-01 12:00+00';
SELECT set_config('TimeZone', 'UTC', false)

-- name: text_read_as_interval_while_the_statement_runs
SELECT x, x::interval FROM (VALUES ('10:20:30.123456789'), ('P1D'), ('PT36H'), ('P2W'), ('1-2'), ('1-2 3 4:05:06'), ('3 4:05'),
    ('-1 day +2 hours'), ('+0-1 -1 +0:00:00'), ('@ 1 hour ago'), (NULL)) v(x) ORDER BY 1

-- name: text_read_as_time_while_the_statement_runs
SELECT x, x::time, x::timetz FROM (VALUES ('10:00:00.1234567'), ('10:00 PM'), ('12:00 AM'), ('10:00')) v(x)
ORDER BY 1

-- name: text_read_as_time_rounds_to_midnight_at_the_end_of_the_day
SELECT x, x::time FROM (VALUES ('23:59:59.9999999'), ('24:00')) v(x) ORDER BY 1

-- name: text_read_as_timetz_with_its_zone_while_the_statement_runs
SELECT x, x::timetz FROM (VALUES ('10:00+02'), ('10:00 EST')) v(x) ORDER BY 1

-- name: text_read_as_interval_refuses_what_postgresql_refuses
-- expect-error: 22007
SELECT x::interval FROM (VALUES ('garbage')) v(x)

-- name: timestamptz_assigned_to_a_time_column
SET TimeZone = 'Europe/Berlin';
CREATE TABLE time_assigned (id int, z time DEFAULT now(), z0 time(0) DEFAULT current_timestamp);
INSERT INTO time_assigned (id) VALUES (1);
INSERT INTO time_assigned VALUES (2, timestamptz '2021-06-01 12:00:00.7+00', timestamptz '2021-06-01 12:00:00.7+00');
UPDATE time_assigned SET z = timestamptz '2021-06-01 23:30+00', z0 = timestamptz '2021-06-01 23:59:59.6+00' WHERE id = 2;
SELECT id, z IS NOT NULL, z0 IS NOT NULL FROM time_assigned WHERE id = 1;
SELECT id, z, z0 FROM time_assigned WHERE id = 2;
DROP TABLE time_assigned;
SET TimeZone = 'UTC'

-- name: interval_values_keep_to_the_fields_of_their_qualifier
CREATE TABLE interval_fields (a interval year, b interval hour, c interval day to hour, d interval minute, e interval second(1),
    f interval hour to second, g interval month);
INSERT INTO interval_fields VALUES (interval '1 year 5 months', interval '25 hours 61 minutes', interval '1 day 02:03:04',
    interval '1:02:03.5', interval '1 day 1:02:03.55', interval '-1 day -01:02:03.5', interval '1 year 2 months 3 days');
INSERT INTO interval_fields SELECT x, x, x, x, x, x, x FROM (VALUES (interval '-1 year -5 months -3 days -04:05:06.789')) v(x);
UPDATE interval_fields SET b = b + interval '59 minutes';
SELECT * FROM interval_fields ORDER BY a

-- name: interval_casts_with_a_qualifier_of_values
SELECT CAST(interval '1 day 02:03:04' AS interval day), x::interval hour, x::interval year to month, ('2 days 3 hours'::text)::interval day
FROM (VALUES (interval '1 year 2 months 3 days 04:05:06')) v(x);
DROP TABLE interval_fields

-- name: constant_timestamptz_as_text_in_tokyo
SET TimeZone = 'Asia/Tokyo';
SELECT '2024-07-01 12:00+00'::timestamptz::text, '2024-07-01 12:00+00'::timestamptz::time

-- name: the_same_statement_after_another_time_zone_is_written_in_it
SET TimeZone = 'Europe/Berlin';
SELECT '2024-07-01 12:00+00'::timestamptz::text, '2024-07-01 12:00+00'::timestamptz::time

-- name: time_and_interval_cast_to_each_other
SET TimeZone = 'UTC';
SELECT time '10:20:30'::interval, interval '1 day 25:30:00'::time, interval '-1 hour'::time, interval '3 days'::time,
    t::interval, i::time, isfinite(interval '1 day')
FROM (VALUES (time '10:20:30.5', interval '-26:00:00.5')) v(t, i)

-- name: time_constants_read_by_postgresql_input
SELECT '10:00 PM'::time, time '10:00 pm', '12:34:56.1234567'::time, time '23:59:59.9999999', time 'allballs', '24:00'::time

-- name: time_column_takes_strings_by_postgresql_input
CREATE TABLE time_strings (t time DEFAULT '10:30 PM');
INSERT INTO time_strings DEFAULT VALUES;
INSERT INTO time_strings VALUES ('11:00 am');
SELECT * FROM time_strings ORDER BY 1;
DROP TABLE time_strings

-- name: time_of_a_day_word_is_refused
-- expect-error: 22007
SELECT time 'today'

-- name: at_time_zone_of_bare_and_bracketed_posix_offsets
SELECT z, timestamptz '2021-06-01 12:00+00' AT TIME ZONE z, timestamptz '2021-06-01 12:00+00' AT TIME ZONE '3'
FROM (VALUES ('3'), ('<+03>-03'), ('UTC3')) v(z) ORDER BY 2

-- name: set_time_zone_of_a_bracketed_posix_offset
SET TIME ZONE '<+04>-4';
SELECT timestamptz '2021-06-01 12:00+00', current_setting('TimeZone');
SET TimeZone = 'UTC'

-- name: time_zones_est_mst_hst_of_the_time_zone_database
SET TIME ZONE 'EST';
SELECT timestamptz '2021-06-01 12:00+00', current_setting('TimeZone');
SET TIME ZONE 'HST';
SELECT timestamptz '2021-06-01 12:00+00';
SET TimeZone = 'UTC'
