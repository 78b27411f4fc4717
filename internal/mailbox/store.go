// Package mailbox is a real SMTP receiver for development and tests: it
// accepts every message sent to it, keeps the raw bytes in a Store, parses
// them back (headers, bodies, attachments) and shows them in a small web
// inbox, so e-mails can be checked end to end without an external service.
package mailbox

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// Received is one message as it arrived: the SMTP envelope and the raw
// RFC 5322 bytes, untouched.
type Received struct {
	ID   string    // assigned by the server; letters, digits, "-" and "_"
	At   time.Time // arrival time
	From string    // envelope sender (MAIL FROM)
	To   []string  // envelope recipients (RCPT TO), including Bcc
	Raw  []byte
}

// Store keeps received messages. List returns them in arrival order,
// oldest first. Get reports false for an unknown id.
type Store interface {
	Save(Received) error
	List() ([]Received, error)
	Get(id string) (Received, bool, error)
}

// validID limits ids to characters that are safe in a file name and a
// URL path segment, so an id taken from a URL can never escape a directory.
func validID(id string) error {
	if id == "" || len(id) > 64 {
		return fmt.Errorf("message id %q: want 1 to 64 characters", id)
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return fmt.Errorf("message id %q: character %q at position %d is not a letter, digit, '-' or '_'", id, c, i)
		}
	}
	return nil
}

// clone copies the slices so a caller cannot change what a store holds.
func (r Received) clone() Received {
	r.To = slices.Clone(r.To)
	r.Raw = slices.Clone(r.Raw)
	return r
}

// MemoryStore keeps messages in memory; the zero value is ready to use.
type MemoryStore struct {
	mu       sync.Mutex
	messages []Received
	byID     map[string]int
}

// NewMemoryStore returns an empty MemoryStore.
func NewMemoryStore() *MemoryStore { return &MemoryStore{} }

// Save appends r; it refuses an invalid or already used id.
func (s *MemoryStore) Save(r Received) error {
	if err := validID(r.ID); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.byID[r.ID]; dup {
		return fmt.Errorf("message id %q is already stored", r.ID)
	}
	if s.byID == nil {
		s.byID = map[string]int{}
	}
	s.byID[r.ID] = len(s.messages)
	s.messages = append(s.messages, r.clone())
	return nil
}

// List returns copies of all messages, oldest first.
func (s *MemoryStore) List() ([]Received, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Received, len(s.messages))
	for i, r := range s.messages {
		out[i] = r.clone()
	}
	return out, nil
}

// Get returns a copy of the message with id.
func (s *MemoryStore) Get(id string) (Received, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.byID[id]
	if !ok {
		return Received{}, false, nil
	}
	return s.messages[i].clone(), true, nil
}
