CREATE OR REPLACE VIEW fw_book_counts AS
SELECT a.name, count(b.id) AS books FROM fw_authors a LEFT JOIN fw_books b ON b.author_id = a.id GROUP BY a.name;
