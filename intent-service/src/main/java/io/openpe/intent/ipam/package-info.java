/**
 * Every derived address and number of DESIGN §4, one function each, so that "how is the VTEP IP chosen" is one
 * search away. These are OpenPERouter's rules, kept so that mixed fleets interoperate. Pure, on {@code model} only.
 */
package io.openpe.intent.ipam;
