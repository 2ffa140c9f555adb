"""What tracker does with claims: add, edit, judge and query them, their lifecycle,
speakers and their track records, forecast scores, reminder reports, extracted
candidates. Plain functions on a session and a date."""
