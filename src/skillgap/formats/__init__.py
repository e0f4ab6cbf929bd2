"""Every file skillgap reads or writes, and every check on untrusted input: bounded YAML, field
checking, the bank and its cache, answers files, the report JSON document."""
