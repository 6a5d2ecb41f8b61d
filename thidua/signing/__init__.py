"""Signed papers: PAdES signing with pyHanko and the verification of signed PDFs."""
