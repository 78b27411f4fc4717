package mailer

import (
	"errors"
	"fmt"
	"net/textproto"
)

// PermanentError means that sending the same message again cannot succeed:
// the relay refused it with a 5xx reply during the mail transaction, or the
// message was invalid before any connection was made. A retry policy should
// stop on it; every other error from Send is transient.
type PermanentError struct {
	// Code is the SMTP reply code (5xx), or 0 when the message was refused
	// locally before connecting.
	Code int
	// Reason says what was refused, with the offending value.
	Reason string
	// Err is the underlying error, if any.
	Err error
}

func (e *PermanentError) Error() string {
	if e.Code != 0 {
		return fmt.Sprintf("permanent SMTP failure %d: %s", e.Code, e.Reason)
	}
	return "invalid message: " + e.Reason
}

func (e *PermanentError) Unwrap() error { return e.Err }

// IsPermanent reports whether err (or an error it wraps) is a PermanentError.
func IsPermanent(err error) bool {
	var perm *PermanentError
	return errors.As(err, &perm)
}

// invalid builds the error for a message refused before connecting.
func invalid(format string, args ...any) error {
	return &PermanentError{Reason: fmt.Sprintf(format, args...)}
}

// authReplyCodes are 5xx replies that concern the relay account, not the
// message: the same message goes through once the credentials are fixed.
var authReplyCodes = map[int]bool{
	530: true, // authentication required
	534: true, // authentication mechanism too weak
	535: true, // authentication credentials invalid
	538: true, // encryption required for requested authentication mechanism
}

// classifyTransaction wraps an error returned during MAIL, RCPT or DATA: a
// 5xx reply other than an authentication problem becomes a PermanentError;
// 4xx replies, network errors and time-outs stay transient.
func classifyTransaction(err error) error {
	var reply *textproto.Error
	if errors.As(err, &reply) && reply.Code >= 500 && reply.Code < 600 && !authReplyCodes[reply.Code] {
		return &PermanentError{Code: reply.Code, Reason: reply.Msg, Err: err}
	}
	return err
}
