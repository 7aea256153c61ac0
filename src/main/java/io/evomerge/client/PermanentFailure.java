package io.evomerge.client;

/**
 * The service refused the call for a reason a retry cannot fix (400, 401, 403, 404, 413, 422,
 * ...), or the call ran out of patience: the run fails with the service's message. Immutable.
 */
public final class PermanentFailure extends MergeServiceException {

  PermanentFailure(String call, int status, String code, String serviceMessage, String context, Throwable cause) {
    super(call, status, code, serviceMessage, context, cause);
  }

  @Override
  public PermanentFailure withContext(String what) {
    return new PermanentFailure(call(), status(), code(), serviceMessage(), what, this);
  }
}
