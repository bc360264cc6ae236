export {
  DEFAULT_MAX_FRAME_BYTES,
  FRAME_VERSION,
  FrameDecoder,
  HEADER_BYTES,
  decodeValue,
  encodeFrame,
  encodeValue,
  type FrameCodecOptions,
} from './frame';
