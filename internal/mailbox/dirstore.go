package mailbox

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DirStore keeps one .eml file per message in a directory, so the
// development inbox survives restarts (make run uses ./.data/mailbox).
// Files are named "<sequence>-<id>.eml"; the sequence gives the arrival
// order. The envelope is written as X-Mailbox-* header lines before the
// raw message, which keeps each file a valid e-mail that a mail client
// can open, and is stripped again when reading.
type DirStore struct {
	dir string

	mu      sync.Mutex
	next    int64
	entries []dirEntry // arrival order
	byID    map[string]int
}

type dirEntry struct {
	seq  int64
	id   string
	file string
}

const (
	hdrID   = "X-Mailbox-Id: "
	hdrAt   = "X-Mailbox-Received-At: "
	hdrFrom = "X-Mailbox-Envelope-From: "
	hdrTo   = "X-Mailbox-Envelope-To: "
)

// OpenDir opens (creating it if needed) a directory store and indexes the
// messages already there. Files that do not follow the naming scheme are
// ignored.
func OpenDir(dir string) (*DirStore, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("creating mailbox directory %s: %w", dir, err)
	}
	names, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reading mailbox directory %s: %w", dir, err)
	}
	s := &DirStore{dir: dir, next: 1, byID: map[string]int{}}
	for _, de := range names {
		e, ok := parseFileName(de.Name())
		if !ok || de.IsDir() {
			continue
		}
		s.entries = append(s.entries, e)
	}
	sort.Slice(s.entries, func(i, j int) bool { return s.entries[i].seq < s.entries[j].seq })
	for i, e := range s.entries {
		if prev, dup := s.byID[e.id]; dup {
			return nil, fmt.Errorf("mailbox directory %s: id %q appears in %s and %s", dir, e.id, s.entries[prev].file, e.file)
		}
		s.byID[e.id] = i
		s.next = e.seq + 1
	}
	return s, nil
}

func parseFileName(name string) (dirEntry, bool) {
	base, ok := strings.CutSuffix(name, ".eml")
	if !ok {
		return dirEntry{}, false
	}
	seqText, id, ok := strings.Cut(base, "-")
	if !ok || validID(id) != nil {
		return dirEntry{}, false
	}
	seq, err := strconv.ParseInt(seqText, 10, 64)
	if err != nil || seq <= 0 {
		return dirEntry{}, false
	}
	return dirEntry{seq: seq, id: id, file: name}, true
}

// Save writes r to a temporary file and renames it into place, so a crash
// never leaves a half-written message in the inbox.
func (s *DirStore) Save(r Received) error {
	if err := validID(r.ID); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.byID[r.ID]; dup {
		return fmt.Errorf("message id %q is already stored in %s", r.ID, s.dir)
	}
	e := dirEntry{seq: s.next, id: r.ID, file: fmt.Sprintf("%08d-%s.eml", s.next, r.ID)}

	var buf bytes.Buffer
	buf.WriteString(hdrID + r.ID + "\r\n")
	buf.WriteString(hdrAt + r.At.UTC().Format(time.RFC3339Nano) + "\r\n")
	buf.WriteString(hdrFrom + "<" + r.From + ">\r\n")
	buf.WriteString(hdrTo + "<" + strings.Join(r.To, ">, <") + ">\r\n")
	buf.Write(r.Raw)

	tmp, err := os.CreateTemp(s.dir, ".saving-*")
	if err != nil {
		return fmt.Errorf("saving message %s: %w", r.ID, err)
	}
	_, werr := tmp.Write(buf.Bytes())
	serr := tmp.Sync()
	cerr := tmp.Close()
	if werr != nil || serr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving message %s to %s: %w", r.ID, tmp.Name(), firstError(werr, serr, cerr))
	}
	if err := os.Rename(tmp.Name(), filepath.Join(s.dir, e.file)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving message %s: %w", r.ID, err)
	}
	s.byID[r.ID] = len(s.entries)
	s.entries = append(s.entries, e)
	s.next++
	return nil
}

// List reads every message, oldest first.
func (s *DirStore) List() ([]Received, error) {
	s.mu.Lock()
	entries := append([]dirEntry(nil), s.entries...)
	s.mu.Unlock()
	out := make([]Received, 0, len(entries))
	for _, e := range entries {
		r, err := s.read(e)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Get reads the message with id. The id is only looked up in the index,
// never used to build a path, so it cannot reach outside the directory.
func (s *DirStore) Get(id string) (Received, bool, error) {
	s.mu.Lock()
	i, ok := s.byID[id]
	var e dirEntry
	if ok {
		e = s.entries[i]
	}
	s.mu.Unlock()
	if !ok {
		return Received{}, false, nil
	}
	r, err := s.read(e)
	if err != nil {
		return Received{}, false, err
	}
	return r, true, nil
}

func (s *DirStore) read(e dirEntry) (Received, error) {
	path := filepath.Join(s.dir, e.file)
	data, err := os.ReadFile(path)
	if err != nil {
		return Received{}, fmt.Errorf("reading message %s: %w", e.id, err)
	}
	r := Received{ID: e.id}
	// Only the four envelope lines Save wrote are stripped; the raw message
	// itself is returned byte for byte.
	for n := 0; n < 4; n++ {
		line, rest, found := bytes.Cut(data, []byte("\r\n"))
		if !found || !bytes.HasPrefix(line, []byte("X-Mailbox-")) {
			break
		}
		text := string(line)
		switch {
		case strings.HasPrefix(text, hdrAt):
			at, err := time.Parse(time.RFC3339Nano, strings.TrimPrefix(text, hdrAt))
			if err != nil {
				return Received{}, fmt.Errorf("%s: line %q: %w", path, text, err)
			}
			r.At = at
		case strings.HasPrefix(text, hdrFrom):
			r.From = strings.Trim(strings.TrimPrefix(text, hdrFrom), "<>")
		case strings.HasPrefix(text, hdrTo):
			for _, to := range strings.Split(strings.TrimPrefix(text, hdrTo), ", ") {
				if to = strings.Trim(to, "<>"); to != "" {
					r.To = append(r.To, to)
				}
			}
		}
		data = rest
	}
	r.Raw = data
	return r, nil
}

func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
