/*
 * numfmt.c - numbers as text, independent of the C locale.
 *
 * Neither printf's %f/%g nor strtod() is used: both follow LC_NUMERIC, and
 * a plugin run under a comma-decimal locale must still print "1.5".  Only
 * integer conversions (which no locale changes) and plain arithmetic are
 * used, and nothing needs libm, so every program can link libcuc.a alone.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "numfmt.h"

#define NUMFMT_MAXDEC	6
#define TWO63		9223372036854775808.0	/* 2^63, exact */
#define TWO53		9007199254740992.0	/* 2^53, exact */

static const double pow10_exact[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* Copy the finished text out with snprintf's truncation and return value. */
static int
emit(char *buf, size_t size, const char *text, size_t len)
{
	size_t n;

	if (size > 0) {
		n = len < size - 1 ? len : size - 1;
		memcpy(buf, text, n);
		buf[n] = '\0';
	}
	return (int)len;
}

/*
 * Dekker's exact product: a * b == *hi + *lo exactly.  Rounding on the
 * exact product, not on fl(a * b), keeps "1.15 with one decimal" at "1.1"
 * as the true binary value (1.14999...) demands.
 */
static void
two_product(double a, double b, double *hi, double *lo)
{
	const double split = 134217729.0;	/* 2^27 + 1 */
	double t, ah, al, bh, bl;

	*hi = a * b;
	t = split * a;
	ah = t - (t - a);
	al = a - ah;
	t = split * b;
	bh = t - (t - b);
	bl = b - bh;
	*lo = ((ah * bh - *hi) + ah * bl + al * bh) + al * bl;
}

/*
 * Digits of an integral double of 2^63 or more, exactly: the mantissa
 * times its power of two in base 10^9 limbs.  Returns the length.
 */
static size_t
big_integer(double v, char *out)
{
	uint32_t limb[40];	/* 2^1024 < 10^309: 35 limbs */
	size_t nlimb = 1, i, len;
	unsigned shift = 0;
	uint64_t carry;

	while (v >= TWO53) {	/* exact: halving a normal double */
		v /= 2;
		shift++;
	}
	carry = (uint64_t)v;
	limb[0] = (uint32_t)(carry % 1000000000u);
	if (carry >= 1000000000u) {
		limb[nlimb++] = (uint32_t)(carry / 1000000000u % 1000000000u);
		if (carry >= 1000000000000000000u)
			limb[nlimb++] = (uint32_t)(carry / 1000000000000000000u);
	}
	for (; shift > 0; shift--) {
		carry = 0;
		for (i = 0; i < nlimb; i++) {
			uint64_t x = (uint64_t)limb[i] * 2 + carry;
			limb[i] = (uint32_t)(x % 1000000000u);
			carry = x / 1000000000u;
		}
		if (carry != 0 && nlimb < sizeof(limb) / sizeof(limb[0]))
			limb[nlimb++] = (uint32_t)carry;
	}
	len = (size_t)sprintf(out, "%u", (unsigned)limb[nlimb - 1]);
	for (i = nlimb - 1; i-- > 0;)
		len += (size_t)sprintf(out + len, "%09u", (unsigned)limb[i]);
	return len;
}

int
numfmt(char *buf, size_t size, double value, int decimals)
{
	char text[400];
	double mag, hi, lo, r, frac, scale;
	uint64_t scaled, ipart, fpart;
	int64_t adj;
	size_t len = 0;
	bool neg;
	int d, i;

	if (isnan(value) || isinf(value))
		return emit(buf, size, "0", 1);
	d = decimals < 0 ? 0 : decimals > NUMFMT_MAXDEC ? NUMFMT_MAXDEC :
	    decimals;
	neg = value < 0;
	mag = neg ? -value : value;

	/* Past 2^63 / 10^d the fraction is below the double's precision. */
	while (d > 0 && mag * pow10_exact[d] >= TWO63)
		d--;
	scale = pow10_exact[d];
	if (mag * scale >= TWO63) {
		/* Integral already (far above 2^53): print it exactly. */
		if (neg)
			text[len++] = '-';
		len += big_integer(mag, text + len);
		return emit(buf, size, text, len);
	}

	two_product(mag, scale, &hi, &lo);
	r = (double)(uint64_t)hi;		/* floor: hi >= 0 */
	/*
	 * Past 2^53 the error term lo can be hundreds of units: move its
	 * whole part into the integer, keep the rest for the rounding.
	 */
	frac = (hi - r) + lo;
	adj = (int64_t)frac;
	if ((double)adj > frac)
		adj--;				/* floor, also below zero */
	scaled = (uint64_t)((int64_t)(uint64_t)r + adj);
	frac -= (double)adj;
	if (frac >= 0.5)
		scaled++;

	ipart = scaled / (uint64_t)scale;
	fpart = scaled % (uint64_t)scale;
	if (neg && scaled != 0)
		text[len++] = '-';
	len += (size_t)sprintf(text + len, "%llu", (unsigned long long)ipart);
	if (fpart != 0) {
		text[len++] = '.';
		for (i = d - 1; i >= 0; i--) {
			text[len + (size_t)i] = (char)('0' + fpart % 10);
			fpart /= 10;
		}
		len += (size_t)d;
		while (text[len - 1] == '0')
			len--;
	}
	text[len] = '\0';
	return emit(buf, size, text, len);
}

/*
 * 10^e in long double by squaring; its 64-bit mantissa keeps the product
 * with a 19-digit significand within a few long-double ulps, well inside
 * one double ulp.
 */
static long double
pow10l_by_squaring(unsigned e)
{
	long double r = 1, b = 10;

	while (e != 0) {
		if (e & 1)
			r *= b;
		b *= b;
		e >>= 1;
	}
	return r;
}

int
numparse_prefix(const char *text, double *out, const char **end)
{
	const char *p = text, *q;
	uint64_t mant = 0;
	long exp10 = 0, e = 0;
	int ndig = 0, sig = 0;
	bool neg = false, eneg = false;
	double v;

	if (text == NULL)
		return -1;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	for (; *p >= '0' && *p <= '9'; p++, ndig++) {
		if (sig < 19) {
			if (mant != 0 || *p != '0') {
				mant = mant * 10 + (uint64_t)(*p - '0');
				sig++;
			}
		} else
			exp10++;	/* digits past 19 only scale */
	}
	if (*p == '.') {
		q = p + 1;
		for (; *q >= '0' && *q <= '9'; q++, ndig++) {
			if (sig < 19) {
				if (mant != 0 || *q != '0') {
					mant = mant * 10 + (uint64_t)(*q - '0');
					sig++;
				}
				exp10--;
			}
		}
		p = q;	/* "5." and ".5" are numbers, a lone "." is not */
	}
	if (ndig == 0) {
		if (end != NULL)
			*end = text;
		return -1;
	}
	if (*p == 'e' || *p == 'E') {
		q = p + 1;
		if (*q == '+' || *q == '-')
			eneg = *q++ == '-';
		if (*q >= '0' && *q <= '9') {
			for (; *q >= '0' && *q <= '9'; q++)
				if (e < 100000)
					e = e * 10 + (*q - '0');
			exp10 += eneg ? -e : e;
			p = q;
		}
	}
	if (end != NULL)
		*end = p;

	if (mant == 0)
		v = 0;
	else if (mant < (uint64_t)TWO53 && exp10 >= -22 && exp10 <= 22)
		/* Both exact: one correctly rounded operation (Clinger). */
		v = exp10 < 0 ? (double)mant / pow10_exact[-exp10] :
		    (double)mant * pow10_exact[exp10];
	else if (exp10 > 400)
		v = HUGE_VAL;
	else if (exp10 < -400)
		v = 0;
	else if (exp10 < 0)
		v = (double)((long double)mant / pow10l_by_squaring(
		    (unsigned)-exp10));
	else
		v = (double)((long double)mant * pow10l_by_squaring(
		    (unsigned)exp10));
	if (isinf(v))
		return -1;	/* out of range: no threshold means that */
	*out = neg ? -v : v;
	return 0;
}

int
numparse(const char *text, double *out)
{
	const char *end;
	double v;

	if (numparse_prefix(text, &v, &end) != 0 || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

const char *
plural(unsigned long n)
{
	return n == 1 ? "" : "s";
}
