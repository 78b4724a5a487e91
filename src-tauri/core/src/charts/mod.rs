//! Charts: plotters drawings rendered to SVG text (for the UI) or to printpdf ops (for the PDF).
//! No I/O: callers get strings or ops back.
