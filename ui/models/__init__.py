"""Qt item models over core queries: one ``QAbstractTableModel`` per kind of row."""
