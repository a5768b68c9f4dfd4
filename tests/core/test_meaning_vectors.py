"""The shipped meaning vectors: kept compact in memory, read the same as the whole table."""

from __future__ import annotations

import numpy as np

from desktop.core.matching.meaning import MeaningVectors, packaged


def test_rows_read_from_the_int8_table_equal_the_whole_float_table():
    table = packaged()
    ids = [table.index[w] for w in ("kaspersky", "ban", "market", "exit") if w in table.index]
    assert len(ids) >= 3
    whole = table.matrix
    assert whole.dtype == np.float32 and whole.shape == (len(table.index), table.dim)
    assert np.array_equal(table.rows(np.array(ids)), whole[ids])
    assert np.array_equal(table.rows(ids[0]), whole[ids[0]])


def test_a_sentence_vector_is_the_normalised_sum_of_its_words_rows():
    table = packaged()
    text = "Kaspersky will exit the U.S. market"
    expected = table.matrix[table.indices(text)].sum(axis=0)
    assert np.allclose(table.sentence_vector(text), expected / np.linalg.norm(expected), atol=1e-6)
    rows = table.sentence_matrix([text, "", "zzzz qqqq"])
    assert np.allclose(rows[0], table.sentence_vector(text), atol=1e-6)
    assert not rows[1].any() and not rows[2].any()  # no known word: a zero row


def test_a_table_of_float_rows_needs_no_quantisation_steps():
    table = MeaningVectors(["a", "b"], np.array([[1.0, 0.0], [0.0, 2.0]], dtype=np.float32))
    assert np.array_equal(table.rows([1]), np.array([[0.0, 2.0]], dtype=np.float32))
    assert table.similarity("a", "b") == 0.0
