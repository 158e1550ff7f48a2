-- A small workload for sqlite3 under heapcount: tables, indexes, joins,
-- string functions (the replaced string functions), aggregates, sorting.
CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT, city TEXT, born INTEGER);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO people(name, city, born)
  SELECT printf('person-%04d-%s', i, substr('abcdefghijklmnopqrstuvwxyz', i % 26 + 1, 5)),
         CASE i % 5 WHEN 0 THEN 'Oslo' WHEN 1 THEN 'Lima' WHEN 2 THEN 'Pune'
                    WHEN 3 THEN 'Graz' ELSE 'Kobe' END,
         1950 + i % 60
  FROM n;
CREATE INDEX people_city ON people(city, born);
CREATE TABLE cities(city TEXT PRIMARY KEY, country TEXT);
INSERT INTO cities VALUES ('Oslo', 'Norway'), ('Lima', 'Peru'), ('Pune', 'India'),
  ('Graz', 'Austria'), ('Kobe', 'Japan');
SELECT c.country, count(*), min(p.born), max(p.born), sum(length(p.name))
  FROM people p JOIN cities c USING (city) GROUP BY c.country ORDER BY c.country;
SELECT upper(name), instr(name, 'xyz'), replace(name, '-', '+')
  FROM people WHERE name LIKE '%-0%7-%' ORDER BY name DESC LIMIT 5;
SELECT group_concat(DISTINCT city) FROM (SELECT city FROM people ORDER BY city);
UPDATE people SET name = name || '-' || city WHERE born % 7 = 0;
DELETE FROM people WHERE id % 3 = 0;
SELECT count(*), sum(born), max(length(name)) FROM people;
SELECT hex(zeroblob(8)), quote(x'00ff'), typeof(3.5), round(22.0 / 7, 4);
