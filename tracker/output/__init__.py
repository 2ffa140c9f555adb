"""What users see: listing formats (table, JSON, CSV, Markdown), the human views of
claims, reports rendered as text, Markdown, HTML and JSON, and their delivery."""
