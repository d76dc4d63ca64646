CREATE INDEX fw_books_author_idx ON fw_books (author_id);
INSERT INTO fw_authors (name, email) VALUES ('Ann', 'ann@example.com'), ('Bob', 'bob@example.com');
INSERT INTO fw_books (author_id, title, price) VALUES (1, 'First', 12.50), (1, 'Second', 7.25), (2, 'Third', 3.00);
