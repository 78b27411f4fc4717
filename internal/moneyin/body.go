package moneyin

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
)

// hashingReader is an imported file read once: its SHA-256 and size are
// taken from the bytes as they go by, so that a FEC of a million lines is
// parsed as it streams in and never held whole in memory.
type hashingReader struct {
	r       io.Reader
	content []byte // File.Content when the file came as bytes
	h       hash.Hash
	size    int64
	sum     string
}

func newHashingReader(f File) *hashingReader {
	if f.Body != nil {
		return &hashingReader{r: f.Body, h: sha256.New()}
	}
	return &hashingReader{r: bytes.NewReader(f.Content), content: f.Content, h: sha256.New()}
}

func (b *hashingReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.h.Write(p[:n])
	b.size += int64(n)
	return n, err
}

// all reads the whole file, for formats parsed from bytes (PDF, XML, CSV,
// bank statements); such files are small. Content given is not copied.
func (b *hashingReader) all() ([]byte, error) {
	if b.content != nil && b.size == 0 {
		b.h.Write(b.content)
		b.size, b.r = int64(len(b.content)), bytes.NewReader(nil)
		return b.content, nil
	}
	data, err := io.ReadAll(b)
	if err != nil {
		return nil, &RejectedError{Rejected: []Rejection{{Field: "file", Message: fmt.Sprintf("unreadable after %d bytes: %v", b.size, err)}}}
	}
	return data, nil
}

// finish reads what the import left unread (all of it when the import was
// rejected early) and returns the hex SHA-256 of the whole file.
func (b *hashingReader) finish() (string, error) {
	if b.sum != "" {
		return b.sum, nil
	}
	if _, err := io.Copy(io.Discard, b); err != nil {
		return "", err
	}
	b.sum = hex.EncodeToString(b.h.Sum(nil))
	return b.sum, nil
}
