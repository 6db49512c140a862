/*
 * numfmt.h - numbers as text, independent of the C locale.
 *
 * Perfdata consumers only take '.' as decimal separator, so nothing printed
 * by a plugin goes through the locale's idea of a number.
 */
#ifndef CUC_NUMFMT_H
#define CUC_NUMFMT_H

#include <stddef.h>

/*
 * Write value with at most `decimals` (0..6) digits after the point,
 * trailing zeros and a trailing point dropped ("1.5", "10", "-0.001").
 * Not-a-number and infinities are written as "0" (perfdata has no place
 * for them; callers avoid passing them).  Returns the length as snprintf.
 */
int numfmt(char *buf, size_t size, double value, int decimals);

/*
 * Parse a decimal number with '.' as separator whatever the locale:
 * optional sign, digits, optional fraction, optional exponent.  The whole
 * of text must be used.  Returns 0 and sets *out, or -1.
 */
int numparse(const char *text, double *out);

/* Same, but stop at the first character that cannot continue the number; *end is set to it. */
int numparse_prefix(const char *text, double *out, const char **end);

/* "s" unless n is 1: "%lu error%s", n, plural(n). */
const char *plural(unsigned long n);

#endif
