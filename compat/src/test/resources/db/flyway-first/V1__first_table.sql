CREATE TABLE fw_first (id serial PRIMARY KEY, name varchar(50) NOT NULL);
INSERT INTO fw_first (name) VALUES ('a'), ('b');
