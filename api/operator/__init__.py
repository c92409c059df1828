"""The operating department (cơ quan vận hành): who runs DTI Hub and publishes the results, named
on every page and document. A setting DIC edits, since the department changes: Sở Thông tin và
Truyền thông merged into Sở Khoa học và Công nghệ in March 2025."""
