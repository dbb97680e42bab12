import {
  defaultErrorMessage,
  errorHandlerType,
  negotiateErrorType,
  renderErrorBody,
} from './error-body';

describe('negotiateErrorType', () => {
  it.each([
    [undefined, 'application/json; charset=utf-8'],
    ['*/*', 'application/json; charset=utf-8'],
    ['text/html', 'text/html; charset=utf-8'],
    ['application/xml', 'application/xml; charset=utf-8'],
    ['text/plain', 'text/plain; charset=utf-8'],
    ['text/*', 'text/plain; charset=utf-8'],
    ['application/*', 'application/json; charset=utf-8'],
    ['image/png', 'application/json; charset=utf-8'],
    ['text/html;q=0.5, application/xml;q=0.9', 'application/xml; charset=utf-8'],
    ['text/html, application/xml', 'text/html; charset=utf-8'],
    ['text/html;q=0', 'application/json; charset=utf-8'],
    ['text/html;level=1;q=0.4, text/plain;q=0.3', 'text/html; charset=utf-8'],
  ])('Accept %s selects %s', (accept, expected) => {
    expect(negotiateErrorType(accept)).toBe(expected);
  });
});

describe('errorHandlerType', () => {
  it('defaults to text/plain without Accept and Content-Type', () => {
    expect(errorHandlerType(undefined, undefined)).toBe('text/plain; charset=utf-8');
  });

  it('falls back to the request Content-Type', () => {
    expect(errorHandlerType(undefined, 'application/json')).toBe('application/json; charset=utf-8');
  });
});

describe('renderErrorBody', () => {
  it('renders the 4-line JSON document without a trailing newline', () => {
    expect(renderErrorBody('application/json; charset=utf-8', 'Not found', 'abc')).toBe(
      '{\n  "message":"Not found",\n  "request_id":"abc"\n}',
    );
  });

  it('renders plain text with a newline-terminated request id line', () => {
    expect(renderErrorBody('text/plain; charset=utf-8', 'Bad request', 'abc')).toBe(
      'Bad request\nrequest_id: abc\n',
    );
  });

  it('adds a period after the message in HTML', () => {
    expect(renderErrorBody('text/html; charset=utf-8', 'Forbidden', 'abc')).toContain(
      '<p>Forbidden.</p>',
    );
  });

  it('renders XML with a requestid element', () => {
    expect(renderErrorBody('application/xml; charset=utf-8', 'Forbidden', 'abc')).toContain(
      '<message>Forbidden</message>\n  <requestid>abc</requestid>',
    );
  });
});

describe('defaultErrorMessage', () => {
  it('uses the PDK reason texts and a generic text for other codes', () => {
    expect(defaultErrorMessage(429)).toBe('Too many requests');
    expect(defaultErrorMessage(599)).toBe('The upstream server responded with 599');
  });
});
