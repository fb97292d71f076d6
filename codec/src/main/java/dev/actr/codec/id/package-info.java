/**
 * The text form of actor identities, {@code <serial_hex>@<realm>/<manufacturer>:<name>:<version>}, used in
 * logs, configuration, the journal dump and the command line. Cold path: parsing throws a
 * {@link dev.actr.codec.CodecException} naming what is wrong.
 */
package dev.actr.codec.id;
