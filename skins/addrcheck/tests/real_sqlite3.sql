-- Workload for real_sqlite3.vgtest: tables, indexes, joins, aggregates,
-- a view, a trigger, a transaction and a few thousand generated rows.
-- Every query orders its result so that the output is deterministic.
PRAGMA foreign_keys = ON;
.headers on
.mode list

CREATE TABLE dept (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, budget REAL);
CREATE TABLE emp (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    dept_id INTEGER REFERENCES dept(id),
    salary INTEGER,
    hired TEXT
);
CREATE TABLE audit (emp_id INTEGER, old_salary INTEGER, new_salary INTEGER);
CREATE INDEX emp_dept ON emp(dept_id);
CREATE INDEX emp_salary ON emp(salary DESC, name);
CREATE TRIGGER emp_raise AFTER UPDATE OF salary ON emp
BEGIN
    INSERT INTO audit VALUES (old.id, old.salary, new.salary);
END;

BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO dept SELECT i, 'dept' || printf('%02d', i), i * 1000.5 FROM n;

-- A linear congruential generator keeps the rows varied and reproducible.
WITH RECURSIVE g(i, r) AS (
    SELECT 1, 12345
    UNION ALL
    SELECT i + 1, (r * 1103515245 + 12345) % 2147483648 FROM g WHERE i < 4000
)
INSERT INTO emp (id, name, dept_id, salary, hired)
SELECT i,
       'emp' || i || '_' || substr('abcdefghijklmnopqrstuvwxyz', 1 + r % 26, 1 + r % 7),
       1 + r % 40,
       20000 + r % 90000,
       date('2000-01-01', '+' || (r % 7000) || ' days')
FROM g;
COMMIT;

SELECT count(*) AS emps, sum(salary) AS total, min(hired) AS first, max(hired) AS last FROM emp;

SELECT d.name, count(e.id) AS n, avg(e.salary) AS avg_salary, max(e.salary) AS top
FROM dept d LEFT JOIN emp e ON e.dept_id = d.id
GROUP BY d.id HAVING n > 95 ORDER BY avg_salary DESC, d.name LIMIT 10;

SELECT e.name, e.salary, d.name
FROM emp e JOIN dept d ON d.id = e.dept_id
WHERE e.salary > (SELECT avg(salary) FROM emp x WHERE x.dept_id = e.dept_id) + 40000
ORDER BY e.salary DESC, e.id LIMIT 15;

UPDATE emp SET salary = salary + 1000 WHERE dept_id IN (SELECT id FROM dept WHERE name LIKE 'dept1%');
SELECT count(*), sum(new_salary - old_salary) FROM audit;

DELETE FROM emp WHERE id % 7 = 0;
CREATE VIEW dept_stats AS
    SELECT dept_id, count(*) AS n, group_concat(id, ',') AS ids
    FROM (SELECT dept_id, id FROM emp ORDER BY id) GROUP BY dept_id;
SELECT dept_id, n, length(ids), substr(ids, 1, 30) FROM dept_stats ORDER BY n DESC, dept_id LIMIT 8;

SELECT strftime('%Y', hired) AS year, count(*), upper(substr(min(name), 1, 8))
FROM emp GROUP BY year ORDER BY year LIMIT 25;

SELECT a.id, b.id, a.salary FROM emp a JOIN emp b ON a.salary = b.salary AND a.id < b.id
ORDER BY a.id, b.id LIMIT 12;

SELECT name, salary, rank() OVER (PARTITION BY dept_id ORDER BY salary DESC) AS r
FROM emp WHERE dept_id = 3 ORDER BY r, name LIMIT 10;

CREATE TABLE words (w TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT OR IGNORE INTO words SELECT substr(name, instr(name, '_') + 1) FROM emp;
SELECT count(*), group_concat(w, ' ') FROM (SELECT w FROM words ORDER BY w LIMIT 20);
REINDEX;
PRAGMA integrity_check;
VACUUM;
SELECT typeof(budget), quote(name), hex(name) FROM dept ORDER BY id LIMIT 3;
