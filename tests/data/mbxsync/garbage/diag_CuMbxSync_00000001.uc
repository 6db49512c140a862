<html><body>404 Not Found</body></html>
random text, with, commas
10:00 not a time
||||
2026-11-25 10:00:00 INFO something
