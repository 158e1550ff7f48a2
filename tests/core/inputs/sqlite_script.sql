-- prog_sqlite3: tables, an index, a join, aggregates, a recursive CTE.
CREATE TABLE city(id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT, pop INTEGER);
CREATE TABLE visit(city_id INTEGER REFERENCES city(id), year INTEGER, days INTEGER);
INSERT INTO city(name, country, pop) VALUES
  ('Lyon', 'FR', 522000), ('Porto', 'PT', 232000), ('Graz', 'AT', 291000),
  ('Turku', 'FI', 195000), ('Ghent', 'BE', 263000), ('Brno', 'CZ', 380000),
  ('Lille', 'FR', 236000), ('Braga', 'PT', 193000);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO visit SELECT (i * 7) % 8 + 1, 2000 + i % 20, i % 13 + 1 FROM n;
CREATE INDEX visit_city ON visit(city_id);
.mode list
.separator |
SELECT country, count(*), sum(pop) FROM city GROUP BY country ORDER BY country;
SELECT c.name, count(v.year), sum(v.days), min(v.year), max(v.year)
  FROM city c JOIN visit v ON v.city_id = c.id
  GROUP BY c.id ORDER BY sum(v.days) DESC, c.name;
SELECT year, sum(days) FROM visit WHERE year BETWEEN 2005 AND 2009 GROUP BY year ORDER BY year;
SELECT printf('%.3f', avg(days)), total(days) / count(*) FROM visit;
WITH RECURSIVE fib(a, b, k) AS
  (SELECT 0, 1, 0 UNION ALL SELECT b, a + b, k + 1 FROM fib WHERE k < 60)
SELECT k, a FROM fib WHERE k % 10 = 0;
SELECT upper(name) || ':' || length(name) FROM city WHERE name LIKE '%r%' ORDER BY name;
