# Workload for real_python3.vgtest: dicts, lists, sets, json, re, string
# formatting, a class with properties and dunder methods, exceptions,
# generators, sorting, struct, hashlib, zlib and a small threading pool.
# Output is deterministic: run with PYTHONHASHSEED=0 and every unordered
# result is sorted before it is printed.
import collections
import hashlib
import json
import queue
import re
import struct
import threading
import zlib


def lcg(seed):
    while True:
        seed = (seed * 1103515245 + 12345) % 2147483648
        yield seed >> 16


class Account:
    """A class with a property, ordering, hashing and a custom error."""

    class Overdrawn(Exception):
        pass

    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.history = []

    @property
    def balance(self):
        return self._balance

    def withdraw(self, amount):
        if amount > self._balance:
            raise Account.Overdrawn(f"{self.owner}: {amount} > {self._balance}")
        self._balance -= amount
        self.history.append(-amount)

    def deposit(self, amount):
        self._balance += amount
        self.history.append(amount)

    def __lt__(self, other):
        return (self._balance, self.owner) < (other._balance, other.owner)

    def __repr__(self):
        return f"Account({self.owner!r}, {self._balance})"


def words_and_counts(rng):
    syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "xi", "ze", "pu"]
    text = []
    for _ in range(3000):
        n = 1 + next(rng) % 4
        text.append("".join(syllables[next(rng) % len(syllables)] for _ in range(n)))
    counts = collections.Counter(text)
    return text, counts


def main():
    rng = lcg(42)
    text, counts = words_and_counts(rng)
    print("words", len(text), "distinct", len(counts))
    print("top", counts.most_common(5))

    # dicts and lists
    index = collections.defaultdict(list)
    for pos, w in enumerate(text):
        index[w[:2]].append(pos)
    print("index", sorted((k, len(v), v[:3]) for k, v in index.items()))
    squares = {i: i * i for i in range(500)}
    print("squares", sum(squares.values()), squares[123], len({v % 97 for v in squares.values()}))
    nested = [[(i * j) % 11 for j in range(30)] for i in range(30)]
    print("nested", sum(map(sum, nested)), sorted(nested, key=lambda r: (sum(r), r))[0][:8])

    # json round trip
    doc = {"name": "workload", "items": [{"id": i, "word": text[i], "vals": [i / 3, -i, None, True]}
                                         for i in range(200)],
           "meta": {"unicode": "h\u00e9llo \u2603 \U0001f600", "esc": "tab\tquote\"nl\n"}}
    s = json.dumps(doc, sort_keys=True, indent=1)
    back = json.loads(s)
    print("json", len(s), back == doc, back["items"][150]["vals"][0], back["meta"]["unicode"])

    # regular expressions
    joined = " ".join(text[:800])
    pat = re.compile(r"\b(k\w*?)(o|i)\b")
    found = pat.findall(joined)
    print("re", len(found), found[:5])
    print("re.sub", re.sub(r"(ka|lo)+", lambda m: m.group(0).upper(), joined[:120]))
    print("re.split", re.split(r"[aeiou]{2,}|\s+", joined[:80]))
    m = re.fullmatch(r"(?P<a>\d+)-(?P<b>[a-z]+)-(?P<c>\d+)", "123-abc-456")
    print("re.named", m.groupdict(), m.span("b"))

    # strings
    line = "  The quick brown fox jumps over the lazy dog  "
    print("str", line.strip().title(), line.split(), line.replace("o", "0").count("0"))
    print("fmt", f"{3.14159:10.3f}|{255:#x}|{12345678:,}|{'x':>5}|{-7:+05d}", "%s-%05.1f" % ("a", 2.5))
    print("bytes", "caf\u00e9".encode("utf-8"), b"\xff\xfe".decode("latin-1"),
          bytes(range(10)).hex(), bytearray(b"abc") * 3)

    # class and exceptions
    accounts = [Account(f"user{i}", next(rng) % 1000) for i in range(20)]
    failures = 0
    for i, acc in enumerate(accounts):
        try:
            acc.withdraw(500)
        except Account.Overdrawn as e:
            failures += 1
            acc.deposit(i * 10)
            if i == 3:
                print("exception", e)
        finally:
            acc.deposit(1)
    print("accounts", failures, sorted(accounts)[:3], max(accounts))
    try:
        {}["missing"]
    except KeyError as e:
        print("keyerror", repr(e))
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            raise ValueError("wrapped") from e
    except ValueError as e:
        print("chained", e, type(e.__cause__).__name__)

    # generators, struct, hashes, zlib
    evens = (x for x in range(10000) if x % 2 == 0)
    print("gen", sum(evens))
    packed = struct.pack("<iqd8s", -5, 2**40, 1.5, b"packed")
    print("struct", packed.hex(), struct.unpack("<iqd8s", packed))
    blob = "\n".join(text).encode()
    print("sha256", hashlib.sha256(blob).hexdigest(), "md5", hashlib.md5(blob).hexdigest())
    comp = zlib.compress(blob, 9)
    print("zlib", len(blob), zlib.decompress(comp) == blob, zlib.crc32(blob))

    # a small pool of threads fed through a queue
    jobs = queue.Queue()
    results = []
    lock = threading.Lock()

    def worker():
        while True:
            item = jobs.get()
            if item is None:
                jobs.task_done()
                return
            value = hashlib.sha1(("%d:%s" % (item, text[item])).encode()).hexdigest()[:8]
            total = sum(len(w) for w in text[item:item + 50])
            with lock:
                results.append((item, value, total))
            jobs.task_done()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for item in range(0, 3000, 7):
        jobs.put(item)
    for _ in threads:
        jobs.put(None)
    jobs.join()
    for t in threads:
        t.join()
    results.sort()
    print("threads", len(results), results[:3], sum(r[2] for r in results))


main()
