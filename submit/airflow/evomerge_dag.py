"""Scheduled EvoMerge runs: one Spark job per model repository, every night.

Each task submits the shaded job jar with ``spark-submit`` through Airflow's Spark provider
(``apache-airflow-providers-apache-spark``). The run id is templated from the logical date, so a
retried task resumes the same run from its last checkpoint instead of starting over.

Airflow Variables (all optional):
  evomerge_jar          path of target/evomerge-<version>-job.jar on the Airflow workers
  evomerge_conf_dir     folder holding one job configuration per repository (<name>.yaml) and
                        the DAG's quiet Log4j 2 configuration (log4j2.properties: copy
                        submit/airflow/log4j2.properties there)
  evomerge_log4j        that Log4j 2 file, if it lives elsewhere
  evomerge_repositories comma-separated repository names; a task is made for each
  evomerge_output       output root (hdfs://, s3a:// or file://)
  evomerge_retries      task retries (default 2); each retry resumes the run from its checkpoint
  evomerge_retry_delay_seconds  the first retry's delay (default 600; later ones back off)
The Spark connection ``spark_default`` names the cluster (master, deploy mode, queue).

The configuration is shipped with ``--files`` and named by its file name: the driver finds it
there in client and cluster mode; relative data paths in it are read from the configuration's own
folder (``evomerge_conf_dir``), so keep the data beside it or give hdfs:// or s3a:// paths.

The merge service's API key reaches the job as EVOMERGE_API_KEY from the environment (the Airflow
worker's for the driver in client mode; see the README's "Secrets" for executors and cluster
mode); it is never written into this file, the DAG run's conf or the job's arguments.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAVA17_OPTIONS = " ".join(
    f"--add-opens=java.base/{package}=ALL-UNNAMED"
    for package in (
        "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
        "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref",
        "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar",
    )
) + " -Djdk.reflect.useDirectMethodHandle=false"

JAR = Variable.get("evomerge_jar", default_var="/opt/evomerge/evomerge-0.1.0-SNAPSHOT-job.jar")
CONF_DIR = Variable.get("evomerge_conf_dir", default_var="/opt/evomerge/conf")
# Spark at WARN and EvoMerge's one line per generation, instead of ~900 lines of Spark INFO in
# every task log: the driver reads it where it runs, executors from the --files in their folder.
LOG4J = Variable.get("evomerge_log4j", default_var=f"{CONF_DIR}/log4j2.properties")
RETRIES = int(Variable.get("evomerge_retries", default_var="2"))
RETRY_DELAY = timedelta(seconds=float(Variable.get("evomerge_retry_delay_seconds", default_var="600")))
OUTPUT = Variable.get("evomerge_output", default_var="hdfs:///evomerge/runs")
REPOSITORIES = [
    name.strip()
    for name in Variable.get("evomerge_repositories", default_var="sample").split(",")
    if name.strip()
]

default_args = {
    "owner": "ml-platform",
    "retries": RETRIES,
    "retry_delay": RETRY_DELAY,
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=6),
}

with DAG(
    dag_id="evomerge",
    description="Evo-Merging of each model repository's adapters through the merge API",
    schedule="0 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["evomerge", "spark"],
) as dag:
    for repository in REPOSITORIES:
        SparkSubmitOperator(
            task_id=f"evomerge_{repository}",
            conn_id="spark_default",
            application=JAR,
            java_class="io.evomerge.cli.Main",
            name=f"evomerge-{repository}-{{{{ ds_nodash }}}}",
            conf={
                "spark.driver.extraJavaOptions": f"{JAVA17_OPTIONS} -Dlog4j2.configurationFile={LOG4J}",
                "spark.executor.extraJavaOptions": f"{JAVA17_OPTIONS} -Dlog4j2.configurationFile=log4j2.properties",
                # Spark's default pattern plus API keys (the same as submit/evomerge's).
                "spark.redaction.regex": "(?i)secret|password|token|access[.]?key|api[._-]?key|authorization|bearer",
            },
            files=f"{CONF_DIR}/{repository}.yaml,{LOG4J}",
            application_args=[
                "run",
                "--config", f"{repository}.yaml",
                "--set", f"output.dir={OUTPUT}/{repository}",
                "--set", f"output.runId={repository}-{{{{ ds_nodash }}}}",
                "--resume-if-any",
            ],
            verbose=False,
        )
