"""Claims in and out of the database: the JSONL and CSV formats, import (staged in
worker processes, written in batches), export as JSONL, CSV and an ICS calendar."""
