/*
 * entropy.c: a Huffman decoder for baseline JPEG scans that takes the place of libjpeg-turbo's own (jdhuff.c).
 */
#ifndef PHOTO_ENTROPY_H
#define PHOTO_ENTROPY_H

#include <stdio.h>
#include <jpeglib.h>

/*
 * Replaces cinfo's entropy decoder with entropy.c's, for a file of one sequential Huffman-coded scan of 8-bit
 * samples; call it after jpeg_start_decompress and before the first row is read. Returns 1 when it did, 0 when the
 * file is one it leaves to libjpeg (progressive, arithmetic-coded, several scans). The decoder is allocated in the
 * image's pool and goes with it.
 */
int entropy_install(j_decompress_ptr cinfo);

#endif
